using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RecyclePlatform.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CustodyFactsAndPrivateLedger : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "programmes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    partner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    active = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false),
                    name_zh = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    name_en = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_programmes", x => x.id);
                    table.ForeignKey(
                        name: "fk_programmes_partners_partner_id",
                        column: x => x.partner_id,
                        principalTable: "partners",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ledger_mentions",
                columns: table => new
                {
                    subject = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    entry_index = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ledger_mentions", x => new { x.subject, x.entry_index });
                });

            migrationBuilder.AddColumn<Guid>(
                name: "programme_id",
                table: "distributions",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<string>(
                name: "region_code",
                table: "distributions",
                type: "character varying(6)",
                maxLength: 6,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "region_code",
                table: "cities",
                type: "character varying(6)",
                maxLength: 6,
                nullable: true);

            // Free-text programmes become each partner's catalogue (names stay off the ledger, editable); a free-text
            // region cannot be turned into a code, so old rows keep none ("" shows as unknown). Sorts already in the
            // log get their mentions, so receipt codes find their lots from the log alone.
            migrationBuilder.Sql("""
                INSERT INTO programmes (id, partner_id, active, created_at, version, name_en, name_zh)
                SELECT gen_random_uuid(), partner_id, TRUE, MIN(recorded_at), 1, LEFT(programme, 120), LEFT(programme, 120)
                FROM distributions GROUP BY partner_id, LEFT(programme, 120);
                UPDATE distributions d SET programme_id = p.id
                FROM programmes p WHERE p.partner_id = d.partner_id AND p.name_en = LEFT(d.programme, 120);
                INSERT INTO ledger_mentions (subject, entry_index)
                SELECT DISTINCT p.value, e.index FROM ledger_entries e
                CROSS JOIN LATERAL jsonb_array_elements_text(convert_from(e.body, 'UTF8')::jsonb -> 'pickups') AS p(value)
                WHERE e.kind = 'Sorted';
                """);

            migrationBuilder.DropColumn(
                name: "programme",
                table: "distributions");

            migrationBuilder.DropColumn(
                name: "region",
                table: "distributions");

            migrationBuilder.CreateTable(
                name: "ledger_corrections",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    corrects = table.Column<long>(type: "bigint", nullable: false),
                    reason = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    corrected_by = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    grams = table.Column<long>(type: "bigint", nullable: true),
                    bags = table.Column<int>(type: "integer", nullable: true),
                    items = table.Column<int>(type: "integer", nullable: true),
                    beneficiaries = table.Column<int>(type: "integer", nullable: true),
                    partner_id = table.Column<Guid>(type: "uuid", nullable: true),
                    date = table.Column<DateOnly>(type: "date", nullable: true),
                    region_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: true),
                    programme_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ledger_corrections", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_distributions_programme_id",
                table: "distributions",
                column: "programme_id");

            migrationBuilder.CreateIndex(
                name: "ix_ledger_corrections_corrects",
                table: "ledger_corrections",
                column: "corrects");

            migrationBuilder.CreateIndex(
                name: "ix_programmes_partner_id",
                table: "programmes",
                column: "partner_id");

            migrationBuilder.AddForeignKey(
                name: "fk_distributions_programmes_programme_id",
                table: "distributions",
                column: "programme_id",
                principalTable: "programmes",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_distributions_programmes_programme_id",
                table: "distributions");

            migrationBuilder.DropTable(
                name: "ledger_corrections");

            migrationBuilder.DropTable(
                name: "ledger_mentions");

            migrationBuilder.DropTable(
                name: "programmes");

            migrationBuilder.DropIndex(
                name: "ix_distributions_programme_id",
                table: "distributions");

            migrationBuilder.DropColumn(
                name: "programme_id",
                table: "distributions");

            migrationBuilder.DropColumn(
                name: "region_code",
                table: "distributions");

            migrationBuilder.DropColumn(
                name: "region_code",
                table: "cities");

            migrationBuilder.AddColumn<string>(
                name: "programme",
                table: "distributions",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "region",
                table: "distributions",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                defaultValue: "");
        }
    }
}
