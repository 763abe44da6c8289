using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RecyclePlatform.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Booking : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Cities that exist already get BookingPolicy.Default rather than an all-zero policy.
            migrationBuilder.AddColumn<int>(
                name: "booking_cutoff_minutes",
                table: "cities",
                type: "INTEGER",
                nullable: false,
                defaultValue: 120);

            migrationBuilder.AddColumn<int>(
                name: "booking_default_capacity",
                table: "cities",
                type: "INTEGER",
                nullable: false,
                defaultValue: 8);

            migrationBuilder.AddColumn<int>(
                name: "booking_first_window_hour",
                table: "cities",
                type: "INTEGER",
                nullable: false,
                defaultValue: 9);

            migrationBuilder.AddColumn<int>(
                name: "booking_horizon_days",
                table: "cities",
                type: "INTEGER",
                nullable: false,
                defaultValue: 14);

            migrationBuilder.AddColumn<int>(
                name: "booking_minimum_kg",
                table: "cities",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "booking_window_hours",
                table: "cities",
                type: "INTEGER",
                nullable: false,
                defaultValue: 3);

            migrationBuilder.AddColumn<int>(
                name: "booking_windows_per_day",
                table: "cities",
                type: "INTEGER",
                nullable: false,
                defaultValue: 4);

            migrationBuilder.CreateTable(
                name: "idempotency_records",
                columns: table => new
                {
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    operation = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    request_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    resource_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_idempotency_records", x => new { x.user_id, x.operation, x.key });
                    table.ForeignKey(
                        name: "fk_idempotency_records_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "slots",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    city_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    district_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    local_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    starts_at = table.Column<long>(type: "INTEGER", nullable: false),
                    ends_at = table.Column<long>(type: "INTEGER", nullable: false),
                    capacity = table.Column<int>(type: "INTEGER", nullable: false),
                    booked = table.Column<int>(type: "INTEGER", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_slots", x => x.id);
                    table.CheckConstraint("ck_slots_booked_within_capacity", "booked >= 0");
                    table.ForeignKey(
                        name: "fk_slots_cities_city_id",
                        column: x => x.city_id,
                        principalTable: "cities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_slots_districts_district_id",
                        column: x => x.district_id,
                        principalTable: "districts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "pickups",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    reference = table.Column<string>(type: "TEXT", maxLength: 9, nullable: false),
                    consumer_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    city_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    slot_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    window_start = table.Column<long>(type: "INTEGER", nullable: false),
                    window_end = table.Column<long>(type: "INTEGER", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false),
                    access_notes = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    building = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    contact_name = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    district_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    latitude = table.Column<double>(type: "REAL", nullable: true),
                    longitude = table.Column<double>(type: "REAL", nullable: true),
                    phone = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    street = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    bags = table.Column<int>(type: "INTEGER", nullable: false),
                    categories = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    charity_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    condition = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    weight_band = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_pickups", x => x.id);
                    table.ForeignKey(
                        name: "fk_pickups_cities_city_id",
                        column: x => x.city_id,
                        principalTable: "cities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_pickups_slots_slot_id",
                        column: x => x.slot_id,
                        principalTable: "slots",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_pickups_users_consumer_id",
                        column: x => x.consumer_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "bag_labels",
                columns: table => new
                {
                    label_id = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    bag_number = table.Column<int>(type: "INTEGER", nullable: false),
                    pickup_id = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_bag_labels", x => x.label_id);
                    table.ForeignKey(
                        name: "fk_bag_labels_pickups_pickup_id",
                        column: x => x.pickup_id,
                        principalTable: "pickups",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "pickup_events",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false),
                    actor = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    from = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    to = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    pickup_id = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_pickup_events", x => x.id);
                    table.ForeignKey(
                        name: "fk_pickup_events_pickups_pickup_id",
                        column: x => x.pickup_id,
                        principalTable: "pickups",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_bag_labels_pickup_id",
                table: "bag_labels",
                column: "pickup_id");

            migrationBuilder.CreateIndex(
                name: "ix_pickup_events_pickup_id",
                table: "pickup_events",
                column: "pickup_id");

            migrationBuilder.CreateIndex(
                name: "ix_pickups_city_id",
                table: "pickups",
                column: "city_id");

            migrationBuilder.CreateIndex(
                name: "ix_pickups_consumer_id_created_at_id",
                table: "pickups",
                columns: new[] { "consumer_id", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_pickups_reference",
                table: "pickups",
                column: "reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_pickups_slot_id",
                table: "pickups",
                column: "slot_id");

            migrationBuilder.CreateIndex(
                name: "ix_slots_city_id",
                table: "slots",
                column: "city_id");

            migrationBuilder.CreateIndex(
                name: "ix_slots_district_id_local_date",
                table: "slots",
                columns: new[] { "district_id", "local_date" });

            migrationBuilder.CreateIndex(
                name: "ix_slots_district_id_starts_at",
                table: "slots",
                columns: new[] { "district_id", "starts_at" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "bag_labels");

            migrationBuilder.DropTable(
                name: "idempotency_records");

            migrationBuilder.DropTable(
                name: "pickup_events");

            migrationBuilder.DropTable(
                name: "pickups");

            migrationBuilder.DropTable(
                name: "slots");

            migrationBuilder.DropColumn(
                name: "booking_cutoff_minutes",
                table: "cities");

            migrationBuilder.DropColumn(
                name: "booking_default_capacity",
                table: "cities");

            migrationBuilder.DropColumn(
                name: "booking_first_window_hour",
                table: "cities");

            migrationBuilder.DropColumn(
                name: "booking_horizon_days",
                table: "cities");

            migrationBuilder.DropColumn(
                name: "booking_minimum_kg",
                table: "cities");

            migrationBuilder.DropColumn(
                name: "booking_window_hours",
                table: "cities");

            migrationBuilder.DropColumn(
                name: "booking_windows_per_day",
                table: "cities");
        }
    }
}
