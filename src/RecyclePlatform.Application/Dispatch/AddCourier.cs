using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Accounts;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Domain.Common;
using RecyclePlatform.Domain.Couriers;

namespace RecyclePlatform.Application.Dispatch;

public sealed class AddCourierCommand
{
    public string? Email { get; set; }
    public string? DisplayName { get; set; }
    public Guid HubId { get; set; }
}

public sealed class AddCourierCommandValidator : AbstractValidator<AddCourierCommand>
{
    public AddCourierCommandValidator()
    {
        RuleFor(c => c.Email).NotEmpty().WithRule(Rules.Courier.EmailInvalid)
            .MaximumLength(254).WithRule(Rules.Courier.EmailInvalid)
            .EmailAddress().WithRule(Rules.Courier.EmailInvalid);
        RuleFor(c => c.DisplayName).NotEmpty().WithRule(Rules.Courier.DisplayNameRequired)
            .MaximumLength(Courier.MaxDisplayNameLength).WithRule(Rules.Courier.DisplayNameRequired);
        RuleFor(c => c.HubId).NotEmpty().WithRule(Rules.Courier.HubRequired);
    }
}

/// <summary>The account to e-mail a set-password link to after a courier was created.</summary>
public sealed record CourierInvitation(Guid UserId, string Email, string Name);

/// <summary>
/// Adds a courier to a city: a new account without a password (invited by e-mail to choose one), or an
/// existing account that is not yet a courier.
/// </summary>
public sealed class AddCourierHandler(IAppDbContext db, ICurrentUser user, UserManager<ApplicationUser> users, IValidator<AddCourierCommand> validator,
    TimeProvider time)
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
        if (failures.Count == 0 && await users.FindByEmailAsync(email) is { } existing && await db.Couriers.AnyAsync(c => c.UserId == existing.Id, ct))
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

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new ValidationException([.. result.Errors.Select(e => new ValidationFailure(nameof(AddCourierCommand.Email), e.Description) { ErrorCode = Rules.Courier.EmailInvalid.Code })]);
        }
    }
}
