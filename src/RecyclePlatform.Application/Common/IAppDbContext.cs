using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Domain.Cities;
using RecyclePlatform.Domain.Couriers;
using RecyclePlatform.Domain.Hubs;
using RecyclePlatform.Domain.Partners;

namespace RecyclePlatform.Application.Common;

/// <summary>The database as the use cases see it. Implemented by Infrastructure.</summary>
public interface IAppDbContext
{
    DbSet<City> Cities { get; }
    DbSet<District> Districts { get; }
    DbSet<Hub> Hubs { get; }
    DbSet<Partner> Partners { get; }
    DbSet<Courier> Couriers { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);
}
