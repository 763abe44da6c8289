using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RecyclePlatform.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class StoredLedgerTiles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ledger_tiles",
                columns: table => new
                {
                    level = table.Column<short>(type: "smallint", nullable: false),
                    index = table.Column<long>(type: "bigint", nullable: false),
                    bytes = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ledger_tiles", x => new { x.level, x.index });
                });
            // Append-only like the other ledger tables. The bytes are served as they are: stored out of
            // line but uncompressed, a read is a plain copy.
            migrationBuilder.Sql("ALTER TABLE ledger_tiles ALTER COLUMN bytes SET STORAGE EXTERNAL;");
            migrationBuilder.Sql("CREATE TRIGGER ledger_tiles_append_only BEFORE UPDATE OR DELETE ON ledger_tiles FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();");
            migrationBuilder.Sql("CREATE TRIGGER ledger_tiles_no_truncate BEFORE TRUNCATE ON ledger_tiles FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ledger_tiles");
        }
    }
}
