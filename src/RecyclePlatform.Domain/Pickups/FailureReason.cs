namespace RecyclePlatform.Domain.Pickups;

/// <summary>Why a courier could not collect.</summary>
public enum FailureReason
{
    NobodyHome,
    WrongAddress,
    Refused,
    NotTextiles,
    NoAccess,
    Other,
}
