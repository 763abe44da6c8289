using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RecyclePlatform.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SlotCapacityOverride : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "capacity_overridden",
                table: "slots",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "capacity_overridden",
                table: "slots");
        }
    }
}
