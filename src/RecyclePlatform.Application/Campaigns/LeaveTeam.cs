using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Domain.Common;

namespace RecyclePlatform.Application.Campaigns;

/// <summary>A donor leaves their team. Pickups already booked keep counting for it; later ones do not.</summary>
public sealed class LeaveTeamHandler(IAppDbContext db, ICurrentUser user)
{
    public async Task HandleAsync(CancellationToken ct)
    {
        var userId = user.Id ?? throw new InvalidOperationException("Leaving a team needs a signed-in donor.");
        if (await db.TeamMembers.Where(m => m.UserId == userId).ExecuteDeleteAsync(ct) == 0)
        {
            throw new DomainRuleException(Rules.Team.NotMember);
        }
    }
}
