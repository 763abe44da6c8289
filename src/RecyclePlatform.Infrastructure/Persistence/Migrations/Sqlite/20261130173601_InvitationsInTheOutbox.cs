using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RecyclePlatform.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InvitationsInTheOutbox : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<Guid>(
                name: "pickup_id",
                table: "notifications",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "TEXT");

            migrationBuilder.AddColumn<Guid>(
                name: "partner_id",
                table: "notifications",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_notifications_partner_id",
                table: "notifications",
                column: "partner_id");

            migrationBuilder.AddForeignKey(
                name: "fk_notifications_partners_partner_id",
                table: "notifications",
                column: "partner_id",
                principalTable: "partners",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_notifications_partners_partner_id",
                table: "notifications");

            migrationBuilder.DropIndex(
                name: "ix_notifications_partner_id",
                table: "notifications");

            migrationBuilder.DropColumn(
                name: "partner_id",
                table: "notifications");

            migrationBuilder.AlterColumn<Guid>(
                name: "pickup_id",
                table: "notifications",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "TEXT",
                oldNullable: true);
        }
    }
}
