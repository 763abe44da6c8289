using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RecyclePlatform.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OneActiveDispatchRun : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Runs started twice by the race this index closes: the newest of each city and day stays, the others end as interrupted.
            migrationBuilder.Sql("""
                UPDATE dispatch_runs SET status = 'Failed', error = 'dispatch.interrupted'
                WHERE status IN ('Queued', 'Running') AND EXISTS (
                    SELECT 1 FROM dispatch_runs newer
                    WHERE newer.city_id = dispatch_runs.city_id AND newer.day = dispatch_runs.day
                      AND newer.status IN ('Queued', 'Running') AND newer.requested_at > dispatch_runs.requested_at);
                """);

            migrationBuilder.CreateIndex(
                name: "ux_dispatch_runs_one_active",
                table: "dispatch_runs",
                columns: new[] { "city_id", "day" },
                unique: true,
                filter: "status IN ('Queued', 'Running')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ux_dispatch_runs_one_active",
                table: "dispatch_runs");
        }
    }
}
