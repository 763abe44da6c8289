using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace RecyclePlatform.Infrastructure.Persistence;

/// <summary>
/// Whether the database refused a write because a unique key (a primary key or a unique index) already
/// holds its value: the one failure a race to create the same row explains. Every other refusal (NOT NULL,
/// a foreign key, a check) is a fault, and stays one.
/// </summary>
internal static class UniqueViolation
{
    // SQLite's extended result codes: SQLITE_CONSTRAINT (19) narrowed to a unique index or the primary key.
    private const int SqliteUnique = 2067;
    private const int SqlitePrimaryKey = 1555;

    public static bool Caused(DbUpdateException exception) => exception.InnerException switch
    {
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode is SqliteUnique or SqlitePrimaryKey,
        _ => false,
    };
}
