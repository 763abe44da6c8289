namespace RecyclePlatform.Domain.Pickups;

/// <summary>The lifecycle of DESIGN.md: Booked → Assigned → EnRoute → PickedUp → AtHub → Sorted, or Cancelled / Failed.</summary>
public enum PickupStatus
{
    Booked,
    Assigned,
    EnRoute,
    PickedUp,
    AtHub,
    Sorted,
    Cancelled,
    Failed,
}
