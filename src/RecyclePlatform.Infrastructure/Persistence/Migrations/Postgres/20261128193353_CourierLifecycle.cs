using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RecyclePlatform.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CourierLifecycle : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "collected_bags",
                table: "pickups",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "collected_kg",
                table: "pickups",
                type: "numeric(7,2)",
                precision: 7,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "courier_id",
                table: "pickups",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "failure_reason",
                table: "pickups",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "photo_sha256",
                table: "pickups",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "route_order",
                table: "pickups",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "latitude",
                table: "pickup_events",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "longitude",
                table: "pickup_events",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "collected",
                table: "bag_labels",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "received_at_hub",
                table: "bag_labels",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateIndex(
                name: "ix_pickups_courier_id_window_start_route_order",
                table: "pickups",
                columns: new[] { "courier_id", "window_start", "route_order" });

            migrationBuilder.AddForeignKey(
                name: "fk_pickups_couriers_courier_id",
                table: "pickups",
                column: "courier_id",
                principalTable: "couriers",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_pickups_couriers_courier_id",
                table: "pickups");

            migrationBuilder.DropIndex(
                name: "ix_pickups_courier_id_window_start_route_order",
                table: "pickups");

            migrationBuilder.DropColumn(
                name: "collected_bags",
                table: "pickups");

            migrationBuilder.DropColumn(
                name: "collected_kg",
                table: "pickups");

            migrationBuilder.DropColumn(
                name: "courier_id",
                table: "pickups");

            migrationBuilder.DropColumn(
                name: "failure_reason",
                table: "pickups");

            migrationBuilder.DropColumn(
                name: "photo_sha256",
                table: "pickups");

            migrationBuilder.DropColumn(
                name: "route_order",
                table: "pickups");

            migrationBuilder.DropColumn(
                name: "latitude",
                table: "pickup_events");

            migrationBuilder.DropColumn(
                name: "longitude",
                table: "pickup_events");

            migrationBuilder.DropColumn(
                name: "collected",
                table: "bag_labels");

            migrationBuilder.DropColumn(
                name: "received_at_hub",
                table: "bag_labels");
        }
    }
}
