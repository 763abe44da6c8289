using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace RecyclePlatform.Infrastructure.Persistence.Migrations.Postgres
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
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "ledger_cosignatures",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    checkpoint_size = table.Column<long>(type: "bigint", nullable: false),
                    witness = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    cosigned_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    line = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false)
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
            // Append-only like the other ledger tables (see LedgerAndHubLots); so are the mentions and
            // the audit runs, which until now only the code never changed.
            foreach (var table in new[] { "ledger_cosignatures", "ledger_mentions", "ledger_audit_runs" })
            {
                migrationBuilder.Sql($"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();");
                migrationBuilder.Sql($"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();");
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER ledger_mentions_append_only ON ledger_mentions; DROP TRIGGER ledger_mentions_no_truncate ON ledger_mentions;");
            migrationBuilder.Sql("DROP TRIGGER ledger_audit_runs_append_only ON ledger_audit_runs; DROP TRIGGER ledger_audit_runs_no_truncate ON ledger_audit_runs;");
            migrationBuilder.DropTable(
                name: "ledger_cosignatures");

            migrationBuilder.DropColumn(
                name: "from_size",
                table: "ledger_audit_runs");
        }
    }
}
