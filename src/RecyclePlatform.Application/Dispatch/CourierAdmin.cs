using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Accounts;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Domain.Couriers;
using RecyclePlatform.Domain.Dispatch;
using RecyclePlatform.Domain.Pickups;
using RecyclePlatform.Domain.Common;

namespace RecyclePlatform.Application.Dispatch;

public sealed class CourierInput
{
    public string? Email { get; set; }
    public string? DisplayName { get; set; }
    public Guid HubId { get; set; }
}

public sealed class CourierInputValidator : AbstractValidator<CourierInput>
{
    public CourierInputValidator()
    {
        RuleFor(c => c.Email).NotEmpty().WithRule(Rules.Courier.EmailInvalid)
            .MaximumLength(254).WithRule(Rules.Courier.EmailInvalid)
            .EmailAddress().WithRule(Rules.Courier.EmailInvalid);
        RuleFor(c => c.DisplayName).NotEmpty().WithRule(Rules.Courier.DisplayNameRequired)
            .MaximumLength(Courier.MaxDisplayNameLength).WithRule(Rules.Courier.DisplayNameRequired);
        RuleFor(c => c.HubId).NotEmpty().WithRule(Rules.Courier.HubRequired);
    }
}

public sealed record CourierAdminDto(Guid Id, string Name, string Email, Guid HubId, bool Active);

/// <summary>The account to e-mail a set-password link to after a courier was created.</summary>
public sealed record CourierInvitation(Guid UserId, string Email, string Name);

/// <summary>
/// A dispatcher's couriers: create one (a new account without a password, invited by e-mail; or an
/// existing account that is not yet a courier), list them, and deactivate one, which takes them off
/// their coming shifts and routes.
/// </summary>
public sealed class CourierAdmin(IAppDbContext db, ICurrentUser user, UserManager<ApplicationUser> users, IValidator<CourierInput> validator,
    ShiftCapacity capacity, TimeProvider time)
{
    public async Task<IReadOnlyList<CourierAdminDto>> ListAsync(Guid cityId, CancellationToken ct)
    {
        user.RequireCity(cityId, "city", cityId);
        return await (from c in db.Couriers.AsNoTracking()
                      join u in db.Users on c.UserId equals u.Id
                      where c.CityId == cityId
                      orderby c.Active descending, c.DisplayName
                      select new CourierAdminDto(c.Id, c.DisplayName, u.Email ?? "", c.HubId, c.Active))
            .ToListAsync(ct);
    }

    /// <summary>Checks one courier without saving anything: the input, the hub's city, and the address not already a courier.</summary>
    public async Task<IReadOnlyList<ValidationFailure>> CheckAsync(Guid cityId, CourierInput input, CancellationToken ct)
    {
        var failures = (await validator.ValidateAsync(input, ct)).Errors.ToList();
        if (input.HubId != Guid.Empty && !await db.Hubs.AnyAsync(h => h.Id == input.HubId && h.CityId == cityId, ct))
        {
            failures.Add(new ValidationFailure(nameof(CourierInput.HubId), Rules.Courier.HubOtherCity.Code) { ErrorCode = Rules.Courier.HubOtherCity.Code });
        }
        var email = input.Email?.Trim() ?? "";
        if (failures.Count == 0 && await users.FindByEmailAsync(email) is { } existing && await db.Couriers.AnyAsync(c => c.UserId == existing.Id, ct))
        {
            failures.Add(new ValidationFailure(nameof(CourierInput.Email), Rules.Courier.AlreadyCourier.Code) { ErrorCode = Rules.Courier.AlreadyCourier.Code });
        }
        return failures;
    }

    public async Task<CourierInvitation> CreateAsync(Guid cityId, CourierInput input, CancellationToken ct)
    {
        user.RequireCity(cityId, "city", cityId);
        var failures = await CheckAsync(cityId, input, ct);
        if (failures.Count > 0)
        {
            throw new ValidationException(failures);
        }
        return await AddAsync(cityId, input, ct);
    }

    /// <summary>Creates without checking again (the caller checked); part of an import's transaction.</summary>
    internal async Task<CourierInvitation> AddAsync(Guid cityId, CourierInput input, CancellationToken ct)
    {
        var email = input.Email!.Trim();
        var name = input.DisplayName!.Trim();
        var account = await users.FindByEmailAsync(email);
        if (account is null)
        {
            account = new ApplicationUser { UserName = email, Email = email, DisplayName = name, CreatedAt = time.GetUtcNow() };
            Check(await users.CreateAsync(account));
        }
        if (!await users.IsInRoleAsync(account, Roles.Courier))
        {
            Check(await users.AddToRoleAsync(account, Roles.Courier));
        }
        db.Couriers.Add(Courier.Create(account.Id, cityId, input.HubId, name));
        await db.SaveChangesAsync(ct);
        return new CourierInvitation(account.Id, email, name);
    }

    public async Task DeactivateAsync(Guid courierId, CancellationToken ct)
    {
        var courier = await db.Couriers.SingleOrDefaultAsync(c => c.Id == courierId, ct) ?? throw new NotFoundException("courier", courierId);
        user.RequireCity(courier.CityId, "courier", courierId);
        courier.Deactivate();
        var now = time.GetUtcNow();
        var shifts = await db.Shifts.Where(s => s.CourierId == courierId && !s.DroppedOut && s.EndsAt > now).ToListAsync(ct);
        foreach (var shift in shifts)
        {
            shift.DropOut();
        }
        var stops = await db.Pickups.Where(p => p.CourierId == courierId && p.Status == PickupStatus.Assigned).ToListAsync(ct);
        foreach (var stop in stops)
        {
            stop.LeaveUnplanned(UnservedReason.NoShift, now);
        }
        await db.SaveChangesAsync(ct);
        foreach (var day in shifts.Select(s => s.LocalDate).Distinct())
        {
            await capacity.FollowShiftsAsync(courier.CityId, day, ct);
        }
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new ValidationException([.. result.Errors.Select(e => new ValidationFailure(nameof(CourierInput.Email), e.Description) { ErrorCode = Rules.Courier.EmailInvalid.Code })]);
        }
    }
}
