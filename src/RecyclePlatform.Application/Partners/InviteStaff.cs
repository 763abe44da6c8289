using FluentValidation;
using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Accounts;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Notifications;
using RecyclePlatform.Domain.Common;

namespace RecyclePlatform.Application.Partners;

public sealed class InviteStaffCommand
{
    public string? Email { get; set; }

    /// <summary>How the new account is called until its owner changes it; the address when not given.</summary>
    public string? Name { get; set; }
}

public sealed class InviteStaffValidator : AbstractValidator<InviteStaffCommand>
{
    public InviteStaffValidator() =>
        RuleFor(c => c.Email).NotEmpty().WithRule(Rules.Partner.StaffEmailInvalid)
            .MaximumLength(254).WithRule(Rules.Partner.StaffEmailInvalid)
            .EmailAddress().WithRule(Rules.Partner.StaffEmailInvalid);
}

/// <summary>
/// An administrator makes a person staff of a charity or recycler: their account (a new one without a password,
/// or the one they have) gets the staff role and the partner's scope, and an invitation to choose a password is
/// queued in the same save. A person who already works for another partner is refused.
/// </summary>
public sealed class InviteStaffHandler(IAppDbContext db, IIdentityService accounts, IValidator<InviteStaffCommand> validator,
    NotificationOutbox outbox, TimeProvider time)
{
    public async Task<StaffAccount> HandleAsync(Guid partnerId, InviteStaffCommand command, CancellationToken ct)
    {
        await validator.ValidateAndThrowAsync(command, ct);
        if (!await db.Partners.AnyAsync(p => p.Id == partnerId, ct))
        {
            throw new NotFoundException("partner", partnerId);
        }
        var email = command.Email!.Trim();
        if (await accounts.FindByEmailAsync(email, ct) is { } existing && await accounts.PartnerOfAsync(existing, ct) is { } other && other != partnerId)
        {
            throw new DomainRuleException(Rules.Partner.StaffElsewhere);
        }
        var account = await accounts.EnsureStaffAsync(email, command.Name ?? "", Roles.CharityStaff, partnerId, ct);
        if (account.Refusals.Count > 0)
        {
            throw Rules.Partner.StaffEmailInvalid.InvalidAt(nameof(InviteStaffCommand.Email), account.Refusals);
        }
        outbox.AddInvitation(NotificationKind.StaffInvitation, account.UserId, partnerId, time.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return account;
    }
}
