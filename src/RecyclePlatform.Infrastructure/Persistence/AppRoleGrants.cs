using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace RecyclePlatform.Infrastructure.Persistence;

/// <summary>
/// What the app's own PostgreSQL role may do, granted by the owner role after each migration: read
/// and write the rows of ordinary tables, only read and insert those of the append-only ledger
/// tables. It owns nothing, so it can neither alter a table, disable a trigger, truncate, nor create
/// a table (PostgreSQL 15 no longer lets every role create in the public schema).
/// </summary>
public static class AppRoleGrants
{
    /// <summary>Tables whose rows, once written, are never changed or removed (the ledger's triggers also refuse it).</summary>
    public static readonly IReadOnlyList<string> AppendOnlyTables =
        ["ledger_entries", "ledger_nodes", "ledger_checkpoints", "ledger_mentions", "ledger_audit_runs", "ledger_cosignatures", "ledger_tiles", "impact_factor_tables", "impact_factors"];

    public static async Task ApplyAsync(AppDbContext owner, string appConnectionString, CancellationToken ct)
    {
        var appRole = new NpgsqlConnectionStringBuilder(appConnectionString).Username;
        var ownerRole = new NpgsqlConnectionStringBuilder(owner.Database.GetConnectionString()).Username;
        if (string.IsNullOrEmpty(appRole) || appRole == ownerRole)
        {
            return; // one role for both: nothing to separate
        }
        var role = Quote(appRole);
        var appendOnly = string.Join(", ", AppendOnlyTables);
        // Revoke first: a table that an earlier version treated as ordinary loses UPDATE and DELETE.
        var sql = $"""
            REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {role};
            GRANT USAGE ON SCHEMA public TO {role};
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role};
            REVOKE UPDATE, DELETE ON {appendOnly} FROM {role};
            REVOKE INSERT, UPDATE, DELETE ON ef_migrations_history FROM {role};
            GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role};
            """;
#pragma warning disable EF1002 // the role name is quoted as an identifier; DDL takes no parameters
        await owner.Database.ExecuteSqlRawAsync(sql, ct);
#pragma warning restore EF1002
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
