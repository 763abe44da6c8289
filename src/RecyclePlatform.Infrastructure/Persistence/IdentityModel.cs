using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Accounts;
using RecyclePlatform.Infrastructure.Identity;

namespace RecyclePlatform.Infrastructure.Persistence;

/// <summary>Identity's tables under snake_case names, and the roles every database starts with.</summary>
internal static class IdentityModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<ApplicationUser>(user =>
        {
            user.ToTable("users");
            user.Property(u => u.DisplayName).HasMaxLength(ApplicationUser.MaxDisplayNameLength);
            user.Property(u => u.Culture).HasMaxLength(10);
        });
        builder.Entity<IdentityRole<Guid>>(role =>
        {
            role.ToTable("roles");
            role.HasData(Roles.All.Select(name => new IdentityRole<Guid>
            {
                Id = RoleId(name),
                Name = name,
                NormalizedName = name.ToUpperInvariant(),
                ConcurrencyStamp = RoleId(name).ToString(),
            }));
        });
        builder.Entity<IdentityUserRole<Guid>>().ToTable("user_roles");
        builder.Entity<IdentityUserClaim<Guid>>().ToTable("user_claims");
        builder.Entity<IdentityUserLogin<Guid>>().ToTable("user_logins");
        builder.Entity<IdentityUserToken<Guid>>().ToTable("user_tokens");
        builder.Entity<IdentityRoleClaim<Guid>>().ToTable("role_claims");
    }

    /// <summary>Fixed ids, so that seeding the roles in a migration gives the same rows everywhere.</summary>
    internal static Guid RoleId(string role) => role switch
    {
        Roles.Consumer => new Guid("0195f0a0-0000-7000-8000-000000000001"),
        Roles.Courier => new Guid("0195f0a0-0000-7000-8000-000000000002"),
        Roles.Dispatcher => new Guid("0195f0a0-0000-7000-8000-000000000003"),
        Roles.HubOperator => new Guid("0195f0a0-0000-7000-8000-000000000004"),
        Roles.CharityStaff => new Guid("0195f0a0-0000-7000-8000-000000000005"),
        Roles.Admin => new Guid("0195f0a0-0000-7000-8000-000000000006"),
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown role."),
    };
}
