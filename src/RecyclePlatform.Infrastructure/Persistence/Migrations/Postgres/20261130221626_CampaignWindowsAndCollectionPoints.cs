using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RecyclePlatform.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CampaignWindowsAndCollectionPoints : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "campaign_id",
                table: "slots",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "collection_point_id",
                table: "pickups",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "campaign_windows",
                columns: table => new
                {
                    position = table.Column<int>(type: "integer", nullable: false),
                    campaign_id = table.Column<Guid>(type: "uuid", nullable: false),
                    starts = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    ends = table.Column<TimeOnly>(type: "time without time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_campaign_windows", x => new { x.campaign_id, x.position });
                    table.ForeignKey(
                        name: "fk_campaign_windows_campaigns_campaign_id",
                        column: x => x.campaign_id,
                        principalTable: "campaigns",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "collection_points",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    team_id = table.Column<Guid>(type: "uuid", nullable: false),
                    city_id = table.Column<Guid>(type: "uuid", nullable: false),
                    slot_id = table.Column<Guid>(type: "uuid", nullable: false),
                    window_start = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    window_end = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    organised_by = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    cancelled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    version = table.Column<long>(type: "bigint", nullable: false),
                    access_notes = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    building = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    contact_name = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    district_id = table.Column<Guid>(type: "uuid", nullable: false),
                    latitude = table.Column<double>(type: "double precision", nullable: true),
                    longitude = table.Column<double>(type: "double precision", nullable: true),
                    phone = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    street = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_collection_points", x => x.id);
                    table.ForeignKey(
                        name: "fk_collection_points_cities_city_id",
                        column: x => x.city_id,
                        principalTable: "cities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_collection_points_slots_slot_id",
                        column: x => x.slot_id,
                        principalTable: "slots",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_collection_points_teams_team_id",
                        column: x => x.team_id,
                        principalTable: "teams",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_slots_campaign_id",
                table: "slots",
                column: "campaign_id");

            migrationBuilder.CreateIndex(
                name: "ix_pickups_collection_point_id",
                table: "pickups",
                column: "collection_point_id");

            migrationBuilder.CreateIndex(
                name: "ix_collection_points_city_id",
                table: "collection_points",
                column: "city_id");

            migrationBuilder.CreateIndex(
                name: "ix_collection_points_slot_id",
                table: "collection_points",
                column: "slot_id");

            migrationBuilder.CreateIndex(
                name: "ix_collection_points_team_id_window_start",
                table: "collection_points",
                columns: new[] { "team_id", "window_start" });

            migrationBuilder.AddForeignKey(
                name: "fk_pickups_collection_points_collection_point_id",
                table: "pickups",
                column: "collection_point_id",
                principalTable: "collection_points",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_slots_campaigns_campaign_id",
                table: "slots",
                column: "campaign_id",
                principalTable: "campaigns",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_pickups_collection_points_collection_point_id",
                table: "pickups");

            migrationBuilder.DropForeignKey(
                name: "fk_slots_campaigns_campaign_id",
                table: "slots");

            migrationBuilder.DropTable(
                name: "campaign_windows");

            migrationBuilder.DropTable(
                name: "collection_points");

            migrationBuilder.DropIndex(
                name: "ix_slots_campaign_id",
                table: "slots");

            migrationBuilder.DropIndex(
                name: "ix_pickups_collection_point_id",
                table: "pickups");

            migrationBuilder.DropColumn(
                name: "campaign_id",
                table: "slots");

            migrationBuilder.DropColumn(
                name: "collection_point_id",
                table: "pickups");
        }
    }
}
