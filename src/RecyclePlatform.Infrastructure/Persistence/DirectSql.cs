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
            var positional = command is Npgsql.NpgsqlCommand;
            for (var i = 0; i < values.Length; i++)
            {
                var (value, column) = values[i];
                var name = positional ? "" : $"${i + 1}";
                if (column is not null)
                {
                    command.Parameters.Add(column.GetRelationalTypeMapping().CreateParameter(command, name, value, nullable: false));
                    continue;
                }
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value;
                command.Parameters.Add(parameter);
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
