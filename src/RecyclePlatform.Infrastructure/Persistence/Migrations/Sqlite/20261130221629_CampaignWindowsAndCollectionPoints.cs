using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RecyclePlatform.Infrastructure.Persistence.Migrations.Sqlite
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
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "collection_point_id",
                table: "pickups",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "campaign_windows",
                columns: table => new
                {
                    position = table.Column<int>(type: "INTEGER", nullable: false),
                    campaign_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    starts = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    ends = table.Column<TimeOnly>(type: "TEXT", nullable: false)
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
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    team_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    city_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    slot_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    window_start = table.Column<long>(type: "INTEGER", nullable: false),
                    window_end = table.Column<long>(type: "INTEGER", nullable: false),
                    organised_by = table.Column<Guid>(type: "TEXT", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    cancelled_at = table.Column<long>(type: "INTEGER", nullable: true),
                    version = table.Column<long>(type: "INTEGER", nullable: false),
                    access_notes = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    building = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    contact_name = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    district_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    latitude = table.Column<double>(type: "REAL", nullable: true),
                    longitude = table.Column<double>(type: "REAL", nullable: true),
                    phone = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    street = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
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
