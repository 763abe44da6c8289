using FluentValidation;
using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Domain.Campaigns;
using RecyclePlatform.Domain.Common;

namespace RecyclePlatform.Application.Campaigns;

public sealed class JoinTeamCommand
{
    public string? Code { get; set; }
}

public sealed class JoinTeamValidator : AbstractValidator<JoinTeamCommand>
{
    public JoinTeamValidator() =>
        RuleFor(c => c.Code).Must(code => Team.NormaliseCode(code) is { Length: Team.CodeLength } normal && normal.All(Team.CodeAlphabet.Contains))
            .WithRule(Rules.Team.CodeUnknown);
}

/// <summary>A donor joins a team with its code; from their next booking, their pickups count for it.</summary>
public sealed class JoinTeamHandler(IAppDbContext db, IValidator<JoinTeamCommand> validator, ICurrentUser user, TimeProvider time)
{
    public async Task<Team> HandleAsync(JoinTeamCommand command, CancellationToken ct)
    {
        await validator.ValidateAndThrowAsync(command, ct);
        var userId = user.Id ?? throw new InvalidOperationException("Joining a team needs a signed-in donor.");
        var code = Team.NormaliseCode(command.Code);
        var team = await db.Teams.AsNoTracking().SingleOrDefaultAsync(t => t.JoinCode == code, ct)
            ?? throw new DomainRuleException(Rules.Team.CodeUnknown);
        if (!await db.TryInsertAsync([TeamMember.Join(userId, team.Id, time.GetUtcNow())], ct))
        {
            // Joining again (a second tap) is fine; another team is not: leave that one first.
            if (await db.TeamMembers.AnyAsync(m => m.UserId == userId && m.TeamId == team.Id, ct))
            {
                return team;
            }
            throw new DomainRuleException(Rules.Team.AlreadyMember);
        }
        return team;
    }
}
