using System.Text.RegularExpressions;
using RecyclePlatform.Domain.Common;

namespace RecyclePlatform.Domain.Pickups;

/// <summary>
/// Where the courier goes. Personal data: erased (but the district kept) when the donor
/// deletes their account.
/// </summary>
public sealed partial record PickupAddress
{
    public const int MaxStreet = 200;
    public const int MaxBuilding = 100;
    public const int MaxContactName = 80;
    public const int MaxPhone = 30;
    public const int MaxAccessNotes = 500;

    public PickupAddress(Guid districtId, string street, string? building, string contactName, string phone,
        string? accessNotes, double? latitude, double? longitude)
    {
        DistrictId = districtId;
        Street = Required(street, MaxStreet, Rules.Address.StreetRequired);
        Building = Optional(building, MaxBuilding, Rules.Address.BuildingTooLong);
        ContactName = Required(contactName, MaxContactName, Rules.Address.ContactNameRequired);
        Phone = Required(phone, MaxPhone, Rules.Address.PhoneInvalid);
        if (!PhonePattern().IsMatch(Phone))
        {
            throw new DomainRuleException(Rules.Address.PhoneInvalid);
        }
        AccessNotes = Optional(accessNotes, MaxAccessNotes, Rules.Address.AccessNotesTooLong);
        if (latitude.HasValue != longitude.HasValue)
        {
            throw new DomainRuleException(Rules.Address.CoordinatesIncomplete);
        }
        if (latitude is { } lat && longitude is { } lon)
        {
            _ = new GeoPoint(lat, lon);
        }
        Latitude = latitude;
        Longitude = longitude;
    }

    public Guid DistrictId { get; private init; }
    public string Street { get; private init; }
    public string? Building { get; private init; }
    public string ContactName { get; private init; }
    public string Phone { get; private init; }
    public string? AccessNotes { get; private init; }
    public double? Latitude { get; private init; }
    public double? Longitude { get; private init; }

    /// <summary>The same district with every personal detail removed.</summary>
    public static PickupAddress Erased(Guid districtId) => new(districtId);

    private PickupAddress(Guid districtId)
    {
        DistrictId = districtId;
        Street = "";
        ContactName = "";
        Phone = "";
    }

    private static string Required(string? value, int max, Rule code)
    {
        var trimmed = value?.Trim() ?? "";
        if (trimmed.Length is 0 || trimmed.Length > max)
        {
            throw new DomainRuleException(code);
        }
        return trimmed;
    }

    private static string? Optional(string? value, int max, Rule code)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }
        return trimmed.Length > max ? throw new DomainRuleException(code) : trimmed;
    }

    /// <summary>Digits with optional +, spaces, dashes and brackets: 138 0013 8000, +86 10 8888 0000.</summary>
    public const string PhonePatternText = @"^\+?[0-9][0-9 ()\-]{5,28}$";

    [GeneratedRegex(PhonePatternText)]
    private static partial Regex PhonePattern();
}
