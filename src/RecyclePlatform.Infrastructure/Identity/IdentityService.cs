using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Accounts;
using RecyclePlatform.Infrastructure.Persistence;

namespace RecyclePlatform.Infrastructure.Identity;

/// <summary>The accounts port on ASP.NET Core Identity: reads straight from its tables, changes through its UserManager.</summary>
internal sealed class IdentityService(AppDbContext db, UserManager<ApplicationUser> users, TimeProvider time) : IIdentityService
{
    public async Task<IReadOnlyDictionary<Guid, AccountContact>> ContactsAsync(IReadOnlyCollection<Guid> userIds, CancellationToken ct) =>
        await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id))
            .Select(u => new AccountContact(u.Id, u.Email, u.DisplayName, u.Culture))
            .ToDictionaryAsync(u => u.UserId, ct);

    public async Task<Guid?> FindByEmailAsync(string email, CancellationToken ct) =>
        (await users.FindByEmailAsync(email.Trim()))?.Id;

    public async Task<IReadOnlyDictionary<string, int>> AccountsByRoleAsync(CancellationToken ct) =>
        await (from ur in db.UserRoles
               join r in db.Roles on ur.RoleId equals r.Id
               group ur by r.Name into g
               select new { Role = g.Key!, Count = g.Count() })
            .ToDictionaryAsync(x => x.Role, x => x.Count, ct);

    public async Task<IReadOnlyDictionary<Guid, int>> StaffByPartnerAsync(CancellationToken ct)
    {
        var counts = await (from c in db.UserClaims
                            where c.ClaimType == ScopeClaims.Partner
                            group c by c.ClaimValue into g
                            select new { Partner = g.Key!, Count = g.Count() }).ToListAsync(ct);
        var byPartner = new Dictionary<Guid, int>();
        foreach (var count in counts)
        {
            if (Guid.TryParse(count.Partner, out var partnerId))
            {
                byPartner[partnerId] = count.Count;
            }
        }
        return byPartner;
    }

    public async Task<Guid?> PartnerOfAsync(Guid userId, CancellationToken ct)
    {
        var value = await db.UserClaims.Where(c => c.UserId == userId && c.ClaimType == ScopeClaims.Partner)
            .Select(c => c.ClaimValue).FirstOrDefaultAsync(ct);
        return Guid.TryParse(value, out var partnerId) ? partnerId : null;
    }

    public async Task<StaffAccount> EnsureStaffAsync(string email, string displayName, string role, Guid? partnerId, CancellationToken ct)
    {
        var address = email.Trim();
        var account = await users.FindByEmailAsync(address);
        var created = account is null;
        if (account is null)
        {
            var name = displayName.Trim();
            account = new ApplicationUser
            {
                UserName = address, Email = address, CreatedAt = time.GetUtcNow(),
                DisplayName = name.Length == 0 ? address : name[..Math.Min(name.Length, ApplicationUser.MaxDisplayNameLength)],
            };
            if (await users.CreateAsync(account) is { Succeeded: false } refused)
            {
                return new StaffAccount(Guid.Empty, address, Created: false, [.. refused.Errors.Select(e => e.Description)]);
            }
        }
        if (!await users.IsInRoleAsync(account, role) && await users.AddToRoleAsync(account, role) is { Succeeded: false } roleRefused)
        {
            return new StaffAccount(account.Id, address, created, [.. roleRefused.Errors.Select(e => e.Description)]);
        }
        if (partnerId is { } partner && (await users.GetClaimsAsync(account)).All(c => c.Type != ScopeClaims.Partner))
        {
            await users.AddClaimAsync(account, new Claim(ScopeClaims.Partner, partner.ToString()));
        }
        return new StaffAccount(account.Id, address, created, []);
    }

    public async Task DeleteAsync(Guid userId, CancellationToken ct)
    {
        var account = await users.FindByIdAsync(userId.ToString()) ?? throw new Application.Common.NotFoundException("account", userId);
        if (await users.DeleteAsync(account) is { Succeeded: false } refused)
        {
            throw new InvalidOperationException(string.Join("; ", refused.Errors.Select(e => e.Code)));
        }
    }
}
