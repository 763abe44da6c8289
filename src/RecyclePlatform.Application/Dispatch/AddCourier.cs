using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Accounts;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Notifications;
using RecyclePlatform.Domain.Common;
using RecyclePlatform.Domain.Couriers;

namespace RecyclePlatform.Application.Dispatch;

public sealed class AddCourierCommand
{
    public string? Email { get; set; }
    public string? DisplayName { get; set; }
    public Guid HubId { get; set; }
}

public sealed class AddCourierValidator : AbstractValidator<AddCourierCommand>
{
    public AddCourierValidator()
    {
        RuleFor(c => c.Email).NotEmpty().WithRule(Rules.Courier.EmailInvalid)
            .MaximumLength(254).WithRule(Rules.Courier.EmailInvalid)
            .EmailAddress().WithRule(Rules.Courier.EmailInvalid);
        RuleFor(c => c.DisplayName).NotEmpty().WithRule(Rules.Courier.DisplayNameRequired)
            .MaximumLength(Courier.MaxDisplayNameLength).WithRule(Rules.Courier.DisplayNameRequired);
        RuleFor(c => c.HubId).NotEmpty().WithRule(Rules.Courier.HubRequired);
    }
}

/// <summary>The courier's account, invited by e-mail (through the notification outbox) to choose a password.</summary>
public sealed record CourierInvitation(Guid UserId, string Email, string Name);

/// <summary>
/// Adds a courier to a city: a new account without a password, or an existing account that is not yet a
/// courier. The invitation to choose a password is queued with the courier, in the same save.
/// </summary>
public sealed class AddCourierHandler(IAppDbContext db, ICurrentUser user, IIdentityService accounts, IValidator<AddCourierCommand> validator,
    NotificationOutbox outbox, TimeProvider time)
{
    public async Task<CourierInvitation> HandleAsync(Guid cityId, AddCourierCommand input, CancellationToken ct)
    {
        user.RequireCity(cityId, "city", cityId);
        var failures = await CheckAsync(cityId, input, ct);
        if (failures.Count > 0)
        {
            throw new ValidationException(failures);
        }
        return await AddAsync(cityId, input, ct);
    }

    /// <summary>Checks one courier without saving anything: the input, the hub's city, and the address not already a courier.</summary>
    public async Task<IReadOnlyList<ValidationFailure>> CheckAsync(Guid cityId, AddCourierCommand input, CancellationToken ct)
    {
        var failures = (await validator.ValidateAsync(input, ct)).Errors.ToList();
        if (input.HubId != Guid.Empty && !await db.Hubs.AnyAsync(h => h.Id == input.HubId && h.CityId == cityId, ct))
        {
            failures.AddRange(Rules.Courier.HubOtherCity.InvalidAt(nameof(AddCourierCommand.HubId)).Errors);
        }
        var email = input.Email?.Trim() ?? "";
        if (failures.Count == 0 && await accounts.FindByEmailAsync(email, ct) is { } existing && await db.Couriers.AnyAsync(c => c.UserId == existing, ct))
        {
            failures.AddRange(Rules.Courier.AlreadyCourier.InvalidAt(nameof(AddCourierCommand.Email)).Errors);
        }
        return failures;
    }

    /// <summary>Creates without checking again (the caller checked); part of an import's transaction.</summary>
    internal async Task<CourierInvitation> AddAsync(Guid cityId, AddCourierCommand input, CancellationToken ct)
    {
        var email = input.Email!.Trim();
        var name = input.DisplayName!.Trim();
        var account = await accounts.EnsureStaffAsync(email, name, Roles.Courier, partnerId: null, ct);
        if (account.Refusals.Count > 0)
        {
            throw Rules.Courier.EmailInvalid.InvalidAt(nameof(AddCourierCommand.Email), account.Refusals);
        }
        db.Couriers.Add(Courier.Create(account.UserId, cityId, input.HubId, name));
        outbox.AddInvitation(NotificationKind.CourierInvitation, account.UserId, partnerId: null, time.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return new CourierInvitation(account.UserId, email, name);
    }
}
