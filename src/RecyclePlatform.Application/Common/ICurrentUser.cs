namespace RecyclePlatform.Application.Common;

/// <summary>Who is asking, and which cities, hub or partner their role is scoped to.</summary>
public interface ICurrentUser
{
    Guid? Id { get; }
    bool IsInRole(string role);
    IReadOnlyCollection<Guid> CityIds { get; }
    Guid? HubId { get; }
    Guid? PartnerId { get; }
}
