using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace RecyclePlatform.Application.Common;

/// <summary>
/// An EF compiled query for a hot read (docs/performance.md). EF binds a compiled query to one model and
/// each database provider has its own, so it is compiled once per model (tests use both in one process).
/// </summary>
public sealed class CompiledQuery<TQuery>(Func<TQuery> compile) where TQuery : class
{
    private readonly ConditionalWeakTable<IModel, TQuery> _byModel = [];

    public TQuery For(IAppDbContext db) => _byModel.GetValue(((DbContext)db).Model, _ => compile());
}
