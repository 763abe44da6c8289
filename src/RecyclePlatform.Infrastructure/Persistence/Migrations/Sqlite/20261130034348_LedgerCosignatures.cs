using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RecyclePlatform.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LedgerCosignatures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "from_size",
                table: "ledger_audit_runs",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "ledger_cosignatures",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    checkpoint_size = table.Column<long>(type: "INTEGER", nullable: false),
                    witness = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    cosigned_at = table.Column<long>(type: "INTEGER", nullable: false),
                    line = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ledger_cosignatures", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_ledger_cosignatures_checkpoint_size_witness_cosigned_at",
                table: "ledger_cosignatures",
                columns: new[] { "checkpoint_size", "witness", "cosigned_at" });

            migrationBuilder.CreateIndex(
                name: "ix_ledger_cosignatures_witness_checkpoint_size",
                table: "ledger_cosignatures",
                columns: new[] { "witness", "checkpoint_size" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ledger_cosignatures");

            migrationBuilder.DropColumn(
                name: "from_size",
                table: "ledger_audit_runs");
        }
    }
}
