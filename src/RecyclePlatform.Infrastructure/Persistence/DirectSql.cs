using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace RecyclePlatform.Infrastructure.Persistence;

/// <summary>
/// One statement on the unit of work's connection and transaction, past EF's command pipeline (its
/// SQL parsing, logging and diagnostics cost more than a one-line UPDATE): for the few statements every
/// booking runs (docs/performance.md). Parameters are written <c>$1, $2, …</c>: positional on
/// PostgreSQL, and names that SQLite accepts as they are; each value is converted as the column's
/// mapping says (a Guid is text on SQLite, say); a value of no column (a lock id) goes as it is.
/// </summary>
internal static class DirectSql
{
    /// <summary>The placeholder of the value at <paramref name="index"/> in a statement's text.</summary>
    public static string Placeholder(int index) => $"${index + 1}";

    /// <summary>
    /// The parameter for <see cref="Placeholder"/>(<paramref name="index"/>): unnamed (positional) on PostgreSQL, named so on
    /// SQLite; converted by the column's mapping when there is one, as it is otherwise.
    /// </summary>
    public static DbParameter Parameter(DbCommand command, int index, object? value, RelationalTypeMapping? mapping, bool nullable)
    {
        var name = command is Npgsql.NpgsqlCommand ? "" : Placeholder(index);
        if (mapping is not null)
        {
            return mapping.CreateParameter(command, name, value, nullable);
        }
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        return parameter;
    }

    public static async Task<int> ExecuteAsync(DbContext db, string sql, (object Value, IProperty? Column)[] values, CancellationToken ct)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        if (transaction is null)
        {
            // Outside a transaction EF opens the connection per command; so does this.
            await db.Database.OpenConnectionAsync(ct);
        }
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            for (var i = 0; i < values.Length; i++)
            {
                var (value, column) = values[i];
                command.Parameters.Add(Parameter(command, i, value, column?.GetRelationalTypeMapping(), nullable: false));
            }
            return await command.ExecuteNonQueryAsync(ct);
        }
        finally
        {
            if (transaction is null)
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }
}
