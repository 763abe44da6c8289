using FluentValidation;
using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Domain.Campaigns;
using RecyclePlatform.Domain.Common;

namespace RecyclePlatform.Application.Campaigns;

public sealed class FormTeamCommand
{
    public string? Name { get; set; }
    public TeamKind? Kind { get; set; }
}

public sealed class FormTeamValidator : AbstractValidator<FormTeamCommand>
{
    public FormTeamValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(c => c.Name).NotEmpty().WithRule(Rules.Team.NameInvalid).Length(Team.MinName, Team.MaxName).WithRule(Rules.Team.NameInvalid);
        RuleFor(c => c.Kind).NotNull().WithRule(Rules.Team.KindInvalid).IsInEnum().WithRule(Rules.Team.KindInvalid);
    }
}

/// <summary>A donor forms a team and is its first member; they share its join code with colleagues or neighbours.</summary>
public sealed class FormTeamHandler(IAppDbContext db, IValidator<FormTeamCommand> validator, ICurrentUser user, TimeProvider time)
{
    public async Task<Team> HandleAsync(FormTeamCommand command, CancellationToken ct)
    {
        await validator.ValidateAndThrowAsync(command, ct);
        var userId = user.Id ?? throw new InvalidOperationException("Forming a team needs a signed-in donor.");
        var now = time.GetUtcNow();
        var team = Team.Form(command.Name!, command.Kind!.Value, userId, now);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // One team per donor: the membership's key is the donor, so a second team (or a double click) is refused by the database.
        if (!await db.TryInsertAsync([team, TeamMember.Join(userId, team.Id, now)], ct))
        {
            throw new DomainRuleException(Rules.Team.AlreadyMember);
        }
        await transaction.CommitAsync(ct);
        return team;
    }
}
