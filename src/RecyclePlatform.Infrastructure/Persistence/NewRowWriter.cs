using System.Collections;
using System.Collections.Concurrent;
using System.Data.Common;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using RecyclePlatform.Application.Accounts;
using RecyclePlatform.Application.Ledger;
using RecyclePlatform.Domain.Cities;
using RecyclePlatform.Domain.Common;
using RecyclePlatform.Domain.Custody;
using RecyclePlatform.Infrastructure.Identity;

namespace RecyclePlatform.Infrastructure.Persistence;

/// <summary>
/// Writes new aggregates (and the rows they own) with one INSERT each, in one batch, without the
/// change tracker: for a use case that only creates rows and whose cost is dominated by EF's save
/// pipeline (booking: docs/performance.md). The statements are built once per entity type from the
/// EF model, so the model stays the one place that knows tables, columns and conversions; anything
/// the plan cannot write exactly as SaveChanges would (generated values, shared tables, inheritance,
/// non-owned navigations) is refused when the type is first seen, never written half.
/// </summary>
internal static class NewRowWriter
{
    private static readonly ConcurrentDictionary<IEntityType, TablePlan> Plans = new();

    public static async Task WriteAsync(DbContext db, IEnumerable<object?> roots, CancellationToken ct)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Writing new rows needs the unit of work's transaction.");
        var connection = transaction.Connection!;
        // Parameters are made by EF's type mappings (conversions, DbType, provider types) on a scratch command.
        await using var scratch = connection.CreateCommand();
        var statements = new List<(string Sql, List<DbParameter> Parameters)>();
        foreach (var root in roots)
        {
            if (root is null)
            {
                continue;
            }
            var type = db.Model.FindEntityType(root.GetType())
                ?? throw new InvalidOperationException($"{root.GetType().Name} is not part of the model.");
            Refuse(root);
            if (!Plans.TryGetValue(type, out var plan))
            {
                plan = Plans.GetOrAdd(type, TablePlan.For(type, db.GetService<ISqlGenerationHelper>()));
            }
            plan.Add(root, owner: null, scratch, statements);
        }
        try
        {
            if (connection.CanCreateBatch)
            {
                await using var batch = connection.CreateBatch();
                batch.Transaction = transaction;
                foreach (var (text, parameters) in statements)
                {
                    var command = batch.CreateBatchCommand();
                    command.CommandText = text;
                    command.Parameters.AddRange(parameters.ToArray());
                    batch.BatchCommands.Add(command);
                }
                await batch.ExecuteNonQueryAsync(ct);
            }
            else
            {
                // SQLite runs in-process: one command after the other costs no round trips.
                foreach (var (text, parameters) in statements)
                {
                    await using var command = connection.CreateCommand();
                    command.Transaction = transaction;
                    command.CommandText = text;
                    command.Parameters.AddRange(parameters.ToArray());
                    await command.ExecuteNonQueryAsync(ct);
                }
            }
        }
        catch (DbException ex)
        {
            // Callers handle a failed write as they do a failed SaveChanges (a key that won a race, say).
            throw new DbUpdateException("An error occurred while writing new rows. See the inner exception for details.", ex);
        }
    }

    /// <summary>What SaveChanges refuses or must announce to other nodes stays with SaveChanges.</summary>
    private static void Refuse(object root)
    {
        if (root is IRecordsCustody { CustodyFacts.Count: > 0 })
        {
            throw new UnrecordedCustodyFactsException(root.GetType().Name);
        }
        if (root is City or District or ApplicationUser)
        {
            throw new NotSupportedException($"{root.GetType().Name} is cached on every node: save it with SaveChanges, which tells the others.");
        }
    }

    /// <param name="Value">The value of the column for an entity and (for an owned row) its owner.</param>
    private sealed record ColumnPlan(Func<object, object?, object?> Value, RelationalTypeMapping Mapping, bool Nullable);

    private sealed record OwnedPlan(Func<object, object?> Collection, TablePlan Plan);

    private sealed class TablePlan
    {
        private string _sql = "";
        private readonly List<ColumnPlan> _columns = [];
        private readonly List<OwnedPlan> _owned = [];
        private MemberInfo? _version;

        public static TablePlan For(IEntityType type, ISqlGenerationHelper sql)
        {
            var name = type.DisplayName();
            if (type.BaseType is not null || type.GetDirectlyDerivedTypes().Any())
            {
                throw new NotSupportedException($"{name}: inheritance is written by SaveChanges only.");
            }
            var mapping = type.GetTableMappings().SingleOrDefault()
                ?? throw new NotSupportedException($"{name} is not mapped to exactly one table.");
            var table = mapping.Table;
            if (table.EntityTypeMappings.Count() != 1)
            {
                throw new NotSupportedException($"{name} shares its table {table.Name} with other types.");
            }
            if (type.GetNavigations().Any(n => !n.ForeignKey.IsOwnership) || type.GetSkipNavigations().Any())
            {
                throw new NotSupportedException($"{name} has navigations that are not owned rows.");
            }
            var plan = new TablePlan();
            var ownership = type.FindOwnership();
            var versioned = typeof(IVersioned).IsAssignableFrom(type.ClrType);
            var columns = new List<string>();
            foreach (var column in table.Columns)
            {
                var property = column.PropertyMappings.Single().Property;
                if (property.ValueGenerated != ValueGenerated.Never || column.DefaultValueSql is not null
                    || column.ComputedColumnSql is not null || column.DefaultValue is not null)
                {
                    throw new NotSupportedException($"{name}.{property.Name}: values the database or EF generates are written by SaveChanges only.");
                }
                columns.Add(sql.DelimitIdentifier(column.Name));
                // A new versioned row starts at version 1, as SaveChanges does; the entity learns it too.
                var version = versioned && property.Name == nameof(IVersioned.Version);
                plan._columns.Add(new ColumnPlan(version ? (_, _) => 1L : ValueOf(type, property, ownership),
                    (RelationalTypeMapping)column.PropertyMappings.Single().TypeMapping, column.IsNullable));
                if (version)
                {
                    plan._version = property.GetMemberInfo(forMaterialization: true, forSet: true);
                }
            }
            var values = Enumerable.Range(0, columns.Count).Select(DirectSql.Placeholder);
            plan._sql = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", values)})";
            foreach (var navigation in type.GetNavigations().Where(n => n.ForeignKey.IsOwnership && !n.IsOnDependent))
            {
                if (!navigation.IsCollection)
                {
                    throw new NotSupportedException($"{name}.{navigation.Name}: an owned reference shares the owner's table; SaveChanges writes it.");
                }
                var getter = navigation.GetGetter();
                plan._owned.Add(new OwnedPlan(getter.GetClrValue, For(navigation.TargetEntityType, sql)));
            }
            return plan;
        }

        /// <summary>
        /// A CLR property (also inside complex types) is read with EF's getter; the shadow key that ties an
        /// owned row to its owner is the owner's key.
        /// </summary>
        private static Func<object, object?, object?> ValueOf(IEntityType type, IProperty property, IForeignKey? ownership)
        {
            if (!property.IsShadowProperty())
            {
                // Inside complex types, walk down from the entity: an absent (null) complex value writes NULL
                // in each of its columns, as SaveChanges does, not the CLR default of the property.
                var path = new List<IClrPropertyGetter>();
                for (var declaring = property.DeclaringType; declaring is IComplexType complex; declaring = complex.ComplexProperty.DeclaringType)
                {
                    path.Insert(0, complex.ComplexProperty.GetGetter());
                }
                var getter = property.GetGetter();
                return (entity, _) =>
                {
                    object? container = entity;
                    foreach (var step in path)
                    {
                        container = step.GetClrValue(container);
                        if (container is null)
                        {
                            return null;
                        }
                    }
                    return getter.GetClrValue(container);
                };
            }
            var index = ownership?.Properties.ToList().IndexOf(property) ?? -1;
            if (index < 0)
            {
                throw new NotSupportedException($"{type.DisplayName()}.{property.Name}: a shadow property other than the owner's key.");
            }
            var ownerKey = ownership!.PrincipalKey.Properties[index].GetGetter();
            return (_, owner) => ownerKey.GetClrValueUsingContainingEntity(owner!);
        }

        public void Add(object entity, object? owner, DbCommand scratch, List<(string, List<DbParameter>)> statements)
        {
            var parameters = new List<DbParameter>(_columns.Count);
            for (var i = 0; i < _columns.Count; i++)
            {
                var column = _columns[i];
                var value = column.Value(entity, owner);
                if (value is null && !column.Nullable)
                {
                    throw new InvalidOperationException($"{entity.GetType().Name}: a required column has no value.");
                }
                parameters.Add(DirectSql.Parameter(scratch, i, value, column.Mapping, column.Nullable));
            }
            statements.Add((_sql, parameters));
            switch (_version)
            {
                case PropertyInfo property:
                    property.SetValue(entity, 1L);
                    break;
                case FieldInfo field:
                    field.SetValue(entity, 1L);
                    break;
            }
            foreach (var owned in _owned)
            {
                if (owned.Collection(entity) is IEnumerable rows)
                {
                    foreach (var row in rows)
                    {
                        owned.Plan.Add(row, entity, scratch, statements);
                    }
                }
            }
        }
    }
}
