using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RecyclePlatform.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Dispatch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "planned_arrival",
                table: "pickups",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "shift_id",
                table: "pickups",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "unserved_reason",
                table: "pickups",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "dispatch_runs",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    city_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    requested_at = table.Column<long>(type: "INTEGER", nullable: false),
                    finished_at = table.Column<long>(type: "INTEGER", nullable: true),
                    percent = table.Column<int>(type: "INTEGER", nullable: false),
                    cancel_requested = table.Column<bool>(type: "INTEGER", nullable: false),
                    served = table.Column<int>(type: "INTEGER", nullable: false),
                    unserved = table.Column<int>(type: "INTEGER", nullable: false),
                    driving_minutes = table.Column<int>(type: "INTEGER", nullable: false),
                    error = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_dispatch_runs", x => x.id);
                    table.ForeignKey(
                        name: "fk_dispatch_runs_cities_city_id",
                        column: x => x.city_id,
                        principalTable: "cities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "shifts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    courier_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    city_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    local_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    starts_at = table.Column<long>(type: "INTEGER", nullable: false),
                    ends_at = table.Column<long>(type: "INTEGER", nullable: false),
                    start_hub_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    end_hub_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    capacity_bags = table.Column<int>(type: "INTEGER", nullable: false),
                    capacity_kg = table.Column<int>(type: "INTEGER", nullable: false),
                    dropped_out = table.Column<bool>(type: "INTEGER", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_shifts", x => x.id);
                    table.CheckConstraint("ck_shifts_capacity", "capacity_bags > 0 AND capacity_kg > 0");
                    table.CheckConstraint("ck_shifts_hours", "ends_at > starts_at");
                    table.ForeignKey(
                        name: "fk_shifts_cities_city_id",
                        column: x => x.city_id,
                        principalTable: "cities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_shifts_couriers_courier_id",
                        column: x => x.courier_id,
                        principalTable: "couriers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_shifts_hubs_end_hub_id",
                        column: x => x.end_hub_id,
                        principalTable: "hubs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_shifts_hubs_start_hub_id",
                        column: x => x.start_hub_id,
                        principalTable: "hubs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_pickups_shift_id",
                table: "pickups",
                column: "shift_id");

            migrationBuilder.CreateIndex(
                name: "ix_dispatch_runs_city_id_day_requested_at",
                table: "dispatch_runs",
                columns: new[] { "city_id", "day", "requested_at" });

            migrationBuilder.CreateIndex(
                name: "ix_shifts_city_id_local_date",
                table: "shifts",
                columns: new[] { "city_id", "local_date" });

            migrationBuilder.CreateIndex(
                name: "ix_shifts_courier_id_starts_at",
                table: "shifts",
                columns: new[] { "courier_id", "starts_at" });

            migrationBuilder.CreateIndex(
                name: "ix_shifts_end_hub_id",
                table: "shifts",
                column: "end_hub_id");

            migrationBuilder.CreateIndex(
                name: "ix_shifts_start_hub_id",
                table: "shifts",
                column: "start_hub_id");

            migrationBuilder.AddForeignKey(
                name: "fk_pickups_shifts_shift_id",
                table: "pickups",
                column: "shift_id",
                principalTable: "shifts",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_pickups_shifts_shift_id",
                table: "pickups");

            migrationBuilder.DropTable(
                name: "dispatch_runs");

            migrationBuilder.DropTable(
                name: "shifts");

            migrationBuilder.DropIndex(
                name: "ix_pickups_shift_id",
                table: "pickups");

            migrationBuilder.DropColumn(
                name: "planned_arrival",
                table: "pickups");

            migrationBuilder.DropColumn(
                name: "shift_id",
                table: "pickups");

            migrationBuilder.DropColumn(
                name: "unserved_reason",
                table: "pickups");
        }
    }
}
