using FluentValidation;
using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Domain.Campaigns;
using RecyclePlatform.Domain.Common;

namespace RecyclePlatform.Application.Campaigns;

public sealed class ChoosePublicNameCommand
{
    /// <summary>The name to appear under on campaign leaderboards; null or empty to stop appearing.</summary>
    public string? DisplayName { get; set; }
}

public sealed class ChoosePublicNameValidator : AbstractValidator<ChoosePublicNameCommand>
{
    public ChoosePublicNameValidator() =>
        RuleFor(c => c.DisplayName).MaximumLength(PublicGiver.MaxName).WithRule(Rules.Team.DisplayNameInvalid);
}

/// <summary>A donor opts in to campaign leaderboards under a display name, renames themself, or opts out (an empty name).</summary>
public sealed class ChoosePublicNameHandler(IAppDbContext db, IValidator<ChoosePublicNameCommand> validator, ICurrentUser user, TimeProvider time)
{
    /// <returns>The name now shown, or null when the donor no longer appears.</returns>
    public async Task<string?> HandleAsync(ChoosePublicNameCommand command, CancellationToken ct)
    {
        await validator.ValidateAndThrowAsync(command, ct);
        var userId = user.Id ?? throw new InvalidOperationException("Choosing a public name needs a signed-in donor.");
        if (string.IsNullOrWhiteSpace(command.DisplayName))
        {
            await db.PublicGivers.Where(g => g.UserId == userId).ExecuteDeleteAsync(ct);
            return null;
        }
        var now = time.GetUtcNow();
        var giver = await db.PublicGivers.SingleOrDefaultAsync(g => g.UserId == userId, ct);
        if (giver is null)
        {
            giver = PublicGiver.OptIn(userId, command.DisplayName, now);
            if (!await db.TryInsertAsync([giver], ct))
            {
                return await HandleAsync(command, ct); // a second tap inserted it a moment ago: rename that one
            }
            return giver.DisplayName;
        }
        giver.Rename(command.DisplayName, now);
        await db.SaveChangesAsync(ct);
        return giver.DisplayName;
    }
}
