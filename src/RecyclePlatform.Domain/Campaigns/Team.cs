using System.Security.Cryptography;
using RecyclePlatform.Domain.Common;

namespace RecyclePlatform.Domain.Campaigns;

public enum TeamKind
{
    Company,
    University,
    Community,
}

/// <summary>
/// A company, university or residential community that gives together. People join with the team's
/// code; a member's pickups count for the team (the door's ledger entry names the team by id, never
/// the member). A donor is in at most one team at a time.
/// </summary>
public sealed class Team : IVersioned
{
    public const int MinName = 2;
    public const int MaxName = 80;
    public const int CodeLength = 8;

    /// <summary>No 0/O, 1/I/L: the code is read aloud and typed on phones.</summary>
    public const string CodeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    private Team()
    {
        Name = "";
        JoinCode = "";
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; }
    public TeamKind Kind { get; private set; }
    public string JoinCode { get; private set; }

    /// <summary>The member who formed it; only they can rename it or change its code.</summary>
    public Guid CreatedBy { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
    public long Version { get; private set; }

    public static Team Form(string name, TeamKind kind, Guid createdBy, DateTimeOffset now)
    {
        if (!Enum.IsDefined(kind))
        {
            throw new DomainRuleException(Rules.Team.KindInvalid);
        }
        return new Team
        {
            Id = Guid.CreateVersion7(),
            Name = RequireName(name),
            Kind = kind,
            JoinCode = NewCode(),
            CreatedBy = createdBy,
            CreatedAt = now,
        };
    }

    /// <summary>A code someone already shared too widely can be replaced; the old one stops working.</summary>
    public void NewJoinCode() => JoinCode = NewCode();

    public static string RequireName(string? name)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length is < MinName or > MaxName || trimmed.Any(char.IsControl))
        {
            throw new DomainRuleException(Rules.Team.NameInvalid);
        }
        return trimmed;
    }

    /// <summary>Upper-cases and drops spaces and dashes, so "abcd-2345" finds ABCD2345.</summary>
    public static string NormaliseCode(string? code) =>
        new((code ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').Select(char.ToUpperInvariant).ToArray());

    private static string NewCode() => RandomNumberGenerator.GetString(CodeAlphabet, CodeLength);
}

/// <summary>A donor's membership of a team (one per donor).</summary>
public sealed class TeamMember
{
    private TeamMember()
    {
    }

    public Guid UserId { get; private set; }
    public Guid TeamId { get; private set; }
    public DateTimeOffset JoinedAt { get; private set; }

    public static TeamMember Join(Guid userId, Guid teamId, DateTimeOffset now) => new() { UserId = userId, TeamId = teamId, JoinedAt = now };
}

/// <summary>
/// A donor who chose to appear on campaign leaderboards, under a display name of their choosing. Only
/// what they typed is shown; never their e-mail, phone or address, and a name that looks like one is refused.
/// </summary>
public sealed class PublicGiver
{
    public const int MinName = 2;
    public const int MaxName = 40;

    private PublicGiver()
    {
        DisplayName = "";
    }

    public Guid UserId { get; private set; }
    public string DisplayName { get; private set; }
    public DateTimeOffset ChosenAt { get; private set; }

    public static PublicGiver OptIn(Guid userId, string? displayName, DateTimeOffset now) =>
        new() { UserId = userId, DisplayName = RequireName(displayName), ChosenAt = now };

    public void Rename(string? displayName, DateTimeOffset now)
    {
        DisplayName = RequireName(displayName);
        ChosenAt = now;
    }

    /// <summary>2–40 characters, no control characters, nothing like an e-mail address (@) or a phone number (7 digits or more).</summary>
    public static string RequireName(string? name)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length is < MinName or > MaxName || trimmed.Any(char.IsControl) || trimmed.Contains('@') || trimmed.Count(char.IsDigit) >= 7)
        {
            throw new DomainRuleException(Rules.Team.DisplayNameInvalid);
        }
        return trimmed;
    }
}
