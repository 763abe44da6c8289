namespace RecyclePlatform.Application.Accounts;

/// <summary>How a person is reached: their address, name and language (personal data: never logged or made public).</summary>
public sealed record AccountContact(Guid UserId, string? Email, string DisplayName, string? Culture);

/// <summary>
/// An account given a staff role: <see cref="Created"/> when it is new (it has no password yet). When Identity
/// refused the address, <see cref="Refusals"/> says why (in the person's language) and nothing was saved.
/// </summary>
public sealed record StaffAccount(Guid UserId, string Email, bool Created, IReadOnlyList<string> Refusals);

/// <summary>
/// The accounts, behind a port: ASP.NET Core Identity (users, roles, scope claims) lives in Infrastructure,
/// and use cases ask for what they need in these terms.
/// </summary>
public interface IIdentityService
{
    /// <summary>The contacts of these accounts; an erased account is absent.</summary>
    Task<IReadOnlyDictionary<Guid, AccountContact>> ContactsAsync(IReadOnlyCollection<Guid> userIds, CancellationToken ct);

    Task<Guid?> FindByEmailAsync(string email, CancellationToken ct);

    /// <summary>How many accounts hold each role, counted in the database.</summary>
    Task<IReadOnlyDictionary<string, int>> AccountsByRoleAsync(CancellationToken ct);

    /// <summary>How many staff accounts each partner has (by their partner scope).</summary>
    Task<IReadOnlyDictionary<Guid, int>> StaffByPartnerAsync(CancellationToken ct);

    /// <summary>The partner an account is scoped to as staff, if any.</summary>
    Task<Guid?> PartnerOfAsync(Guid userId, CancellationToken ct);

    /// <summary>
    /// The account of this address, or a new one without a password, given the role and, for partner staff,
    /// the partner's scope (an account already scoped to another partner is the caller's to refuse first).
    /// </summary>
    Task<StaffAccount> EnsureStaffAsync(string email, string displayName, string role, Guid? partnerId, CancellationToken ct);

    /// <summary>Deletes the account row (its personal data) inside the caller's transaction.</summary>
    Task DeleteAsync(Guid userId, CancellationToken ct);
}
