using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RecyclePlatform.Infrastructure.Persistence.Migrations.Postgres
{
    /// <summary>
    /// The tables of Quartz.NET's clustered job store (qrtz_*), where the nodes agree which of them runs
    /// each background job (docs/adr/0011-clustered-background-work-on-quartz.md). Not part of the EF
    /// model: only Quartz reads and writes them. SQLite (one node) keeps its schedule in memory.
    /// </summary>
    [DbContext(typeof(PostgresAppDbContext))]
    [Migration("20261130140000_QuartzScheduler")]
    public partial class QuartzScheduler : Migration
    {
        private static readonly string[] Tables =
        [
            "qrtz_job_status", "qrtz_misfire_history", "qrtz_execution_history", "qrtz_fired_triggers", "qrtz_paused_job_grps",
            "qrtz_paused_trigger_grps", "qrtz_scheduler_state", "qrtz_locks", "qrtz_simprop_triggers", "qrtz_simple_triggers",
            "qrtz_cron_triggers", "qrtz_blob_triggers", "qrtz_triggers", "qrtz_job_details", "qrtz_calendars",
        ];

        protected override void Up(MigrationBuilder migrationBuilder)
        {
            using var stream = typeof(QuartzScheduler).Assembly.GetManifestResourceStream("QuartzTables.sql")
                ?? throw new InvalidOperationException("The QuartzTables.sql resource is missing from the build.");
            using var reader = new StreamReader(stream);
            migrationBuilder.Sql(reader.ReadToEnd());
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in Tables)
            {
                migrationBuilder.Sql($"DROP TABLE IF EXISTS {table};");
            }
        }
    }
}
