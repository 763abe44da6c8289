using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RecyclePlatform.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LedgerAndHubLots : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "intake_kg",
                table: "pickups",
                type: "TEXT",
                precision: 7,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ledger_commitment",
                table: "pickups",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "donor_ledger_salts",
                columns: table => new
                {
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    salt = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_donor_ledger_salts", x => x.user_id);
                });

            migrationBuilder.CreateTable(
                name: "ledger_audit_runs",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    started_at = table.Column<long>(type: "INTEGER", nullable: false),
                    finished_at = table.Column<long>(type: "INTEGER", nullable: false),
                    tree_size = table.Column<long>(type: "INTEGER", nullable: false),
                    passed = table.Column<bool>(type: "INTEGER", nullable: false),
                    first_bad_index = table.Column<long>(type: "INTEGER", nullable: true),
                    problem = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ledger_audit_runs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "ledger_checkpoints",
                columns: table => new
                {
                    size = table.Column<long>(type: "INTEGER", nullable: false),
                    root_hash = table.Column<byte[]>(type: "BLOB", nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    signed_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ledger_checkpoints", x => x.size);
                });

            migrationBuilder.CreateTable(
                name: "ledger_entries",
                columns: table => new
                {
                    index = table.Column<long>(type: "INTEGER", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    subject = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    body = table.Column<byte[]>(type: "BLOB", nullable: false),
                    outbox_id = table.Column<long>(type: "INTEGER", nullable: false),
                    sequenced_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ledger_entries", x => x.index);
                });

            migrationBuilder.CreateTable(
                name: "ledger_nodes",
                columns: table => new
                {
                    key = table.Column<long>(type: "INTEGER", nullable: false),
                    hash = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ledger_nodes", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "ledger_outbox",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    subject = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    body = table.Column<byte[]>(type: "BLOB", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ledger_outbox", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "lots",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    hub_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    city_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    stream = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    kg = table.Column<decimal>(type: "TEXT", precision: 9, scale: 2, nullable: false),
                    categories = table.Column<int>(type: "INTEGER", nullable: false),
                    sorted_at = table.Column<long>(type: "INTEGER", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    partner_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    allocated_at = table.Column<long>(type: "INTEGER", nullable: true),
                    received_kg = table.Column<decimal>(type: "TEXT", precision: 9, scale: 2, nullable: true),
                    received_items = table.Column<int>(type: "INTEGER", nullable: true),
                    received_at = table.Column<long>(type: "INTEGER", nullable: true),
                    receipt_note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    distributed_items = table.Column<int>(type: "INTEGER", nullable: false),
                    recycled_kg = table.Column<decimal>(type: "TEXT", precision: 9, scale: 2, nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_lots", x => x.id);
                    table.ForeignKey(
                        name: "fk_lots_hubs_hub_id",
                        column: x => x.hub_id,
                        principalTable: "hubs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_lots_partners_partner_id",
                        column: x => x.partner_id,
                        principalTable: "partners",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "distributions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    lot_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    partner_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    programme = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    region = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    items = table.Column<int>(type: "INTEGER", nullable: false),
                    beneficiaries = table.Column<int>(type: "INTEGER", nullable: false),
                    recorded_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_distributions", x => x.id);
                    table.ForeignKey(
                        name: "fk_distributions_lots_lot_id",
                        column: x => x.lot_id,
                        principalTable: "lots",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "lot_pickups",
                columns: table => new
                {
                    pickup_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    lot_id = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_lot_pickups", x => new { x.lot_id, x.pickup_id });
                    table.ForeignKey(
                        name: "fk_lot_pickups_lots_lot_id",
                        column: x => x.lot_id,
                        principalTable: "lots",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_lot_pickups_pickups_pickup_id",
                        column: x => x.pickup_id,
                        principalTable: "pickups",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_pickups_ledger_commitment",
                table: "pickups",
                column: "ledger_commitment");

            migrationBuilder.CreateIndex(
                name: "ix_distributions_lot_id",
                table: "distributions",
                column: "lot_id");

            migrationBuilder.CreateIndex(
                name: "ix_distributions_partner_id_date",
                table: "distributions",
                columns: new[] { "partner_id", "date" });

            migrationBuilder.CreateIndex(
                name: "ix_ledger_audit_runs_started_at",
                table: "ledger_audit_runs",
                column: "started_at");

            migrationBuilder.CreateIndex(
                name: "ix_ledger_entries_outbox_id",
                table: "ledger_entries",
                column: "outbox_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_ledger_entries_subject",
                table: "ledger_entries",
                column: "subject");

            migrationBuilder.CreateIndex(
                name: "ix_lot_pickups_pickup_id",
                table: "lot_pickups",
                column: "pickup_id");

            migrationBuilder.CreateIndex(
                name: "ix_lots_hub_id_sorted_at",
                table: "lots",
                columns: new[] { "hub_id", "sorted_at" });

            migrationBuilder.CreateIndex(
                name: "ix_lots_partner_id_allocated_at",
                table: "lots",
                columns: new[] { "partner_id", "allocated_at" });
            // The ledger is append-only in the database itself, whatever the application does.
            foreach (var table in new[] { "ledger_entries", "ledger_nodes", "ledger_checkpoints" })
            {
                migrationBuilder.Sql($"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;");
                migrationBuilder.Sql($"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;");
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "distributions");

            migrationBuilder.DropTable(
                name: "donor_ledger_salts");

            migrationBuilder.DropTable(
                name: "ledger_audit_runs");

            migrationBuilder.DropTable(
                name: "ledger_checkpoints");

            migrationBuilder.DropTable(
                name: "ledger_entries");

            migrationBuilder.DropTable(
                name: "ledger_nodes");

            migrationBuilder.DropTable(
                name: "ledger_outbox");

            migrationBuilder.DropTable(
                name: "lot_pickups");

            migrationBuilder.DropTable(
                name: "lots");

            migrationBuilder.DropIndex(
                name: "ix_pickups_ledger_commitment",
                table: "pickups");

            migrationBuilder.DropColumn(
                name: "intake_kg",
                table: "pickups");

            migrationBuilder.DropColumn(
                name: "ledger_commitment",
                table: "pickups");
        }
    }
}
