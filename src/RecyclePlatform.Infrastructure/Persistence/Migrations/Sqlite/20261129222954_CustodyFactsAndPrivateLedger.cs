using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RecyclePlatform.Infrastructure.Persistence.Migrations.Sqlite
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
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    partner_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    active = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false),
                    name_zh = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    name_en = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false)
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
                    subject = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    entry_index = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ledger_mentions", x => new { x.subject, x.entry_index });
                });

            migrationBuilder.AddColumn<Guid>(
                name: "programme_id",
                table: "distributions",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<string>(
                name: "region_code",
                table: "distributions",
                type: "TEXT",
                maxLength: 6,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "region_code",
                table: "cities",
                type: "TEXT",
                maxLength: 6,
                nullable: true);

            // Free-text programmes become each partner's catalogue (names stay off the ledger, editable); a free-text
            // region cannot be turned into a code, so old rows keep none ("" shows as unknown). Ids as EF writes Guids
            // here. Sorts already in the log get their mentions, so receipt codes find their lots from the log alone.
            migrationBuilder.Sql("""
                INSERT INTO programmes (id, partner_id, active, created_at, version, name_en, name_zh)
                SELECT upper(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-7' || substr(hex(randomblob(2)), 2) || '-'
                       || hex(randomblob(2)) || '-' || hex(randomblob(6))),
                       partner_id, 1, MIN(recorded_at), 1, substr(programme, 1, 120), substr(programme, 1, 120)
                FROM distributions GROUP BY partner_id, substr(programme, 1, 120);
                UPDATE distributions SET programme_id = (SELECT p.id FROM programmes p
                    WHERE p.partner_id = distributions.partner_id AND p.name_en = substr(distributions.programme, 1, 120))
                WHERE EXISTS (SELECT 1 FROM programmes p WHERE p.partner_id = distributions.partner_id);
                INSERT OR IGNORE INTO ledger_mentions (subject, entry_index)
                SELECT p.value, e."index" FROM ledger_entries e, json_each(CAST(e.body AS TEXT), '$.pickups') AS p
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
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    corrects = table.Column<long>(type: "INTEGER", nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    corrected_by = table.Column<Guid>(type: "TEXT", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    grams = table.Column<long>(type: "INTEGER", nullable: true),
                    bags = table.Column<int>(type: "INTEGER", nullable: true),
                    items = table.Column<int>(type: "INTEGER", nullable: true),
                    beneficiaries = table.Column<int>(type: "INTEGER", nullable: true),
                    partner_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    date = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    region_code = table.Column<string>(type: "TEXT", maxLength: 6, nullable: true),
                    programme_id = table.Column<Guid>(type: "TEXT", nullable: true)
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
                type: "TEXT",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "region",
                table: "distributions",
                type: "TEXT",
                maxLength: 100,
                nullable: false,
                defaultValue: "");
        }
    }
}
