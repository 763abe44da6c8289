namespace RecyclePlatform.Application.Accounts;

/// <summary>The roles of DESIGN.md; a user may hold several.</summary>
public static class Roles
{
    public const string Consumer = nameof(Consumer);
    public const string Courier = nameof(Courier);
    public const string Dispatcher = nameof(Dispatcher);
    public const string HubOperator = nameof(HubOperator);
    public const string CharityStaff = nameof(CharityStaff);
    public const string Admin = nameof(Admin);

    public static readonly IReadOnlyList<string> All =
        [Consumer, Courier, Dispatcher, HubOperator, CharityStaff, Admin];
}
