using System.Reflection;

namespace RecyclePlatform.Domain.Common;

// The catalogue of rule codes: generated once from the codes the code base threw, and kept by hand since.
// A code is part of the API's contract (problem details carry it) and of the ledger's failure reasons:
// never rename one, add a new rule instead. Every rule has a message in both languages (Error.<code> in
// SharedResource.resx and .zh-CN.resx); RuleCatalogueTests fails when one is missing.
public static partial class Rules
{
    public static readonly Rule RateLimited = new("rate_limited", RuleKind.TooManyRequests);
    public static class Address
    {
        public static readonly Rule AccessNotesTooLong = new("address.access_notes_too_long", RuleKind.Unprocessable, Field: "Address.AccessNotes");
        public static readonly Rule BuildingTooLong = new("address.building_too_long", RuleKind.Unprocessable, Field: "Address.Building");
        public static readonly Rule ContactNameRequired = new("address.contact_name_required", RuleKind.Unprocessable, Field: "Address.ContactName");
        public static readonly Rule ContactNameTooLong = new("address.contact_name_too_long", RuleKind.Unprocessable);
        public static readonly Rule CoordinatesIncomplete = new("address.coordinates_incomplete", RuleKind.Unprocessable);
        public static readonly Rule DistrictRequired = new("address.district_required", RuleKind.Unprocessable);
        public static readonly Rule PhoneInvalid = new("address.phone_invalid", RuleKind.Unprocessable, Field: "Address.Phone");
        public static readonly Rule PhoneRequired = new("address.phone_required", RuleKind.Unprocessable);
        public static readonly Rule StreetRequired = new("address.street_required", RuleKind.Unprocessable, Field: "Address.Street");
        public static readonly Rule StreetTooLong = new("address.street_too_long", RuleKind.Unprocessable);
    }

    public static class BookingPolicy
    {
        public static readonly Rule LimitsInvalid = new("booking_policy.limits_invalid", RuleKind.Unprocessable);
        public static readonly Rule WindowsInvalid = new("booking_policy.windows_invalid", RuleKind.Unprocessable);
    }

    public static class City
    {
        public static readonly Rule SlugInvalid = new("city.slug_invalid", RuleKind.Unprocessable);
        public static readonly Rule TimeZoneRequired = new("city.time_zone_required", RuleKind.Unprocessable);
    }

    public static class Campaign
    {
        public static readonly Rule CitiesRequired = new("campaign.cities_required", RuleKind.Unprocessable, Field: "CityIds");
        public static readonly Rule CityUnknown = new("campaign.city_unknown", RuleKind.Unprocessable, Field: "CityIds");
        public static readonly Rule GoalOutOfRange = new("campaign.goal_out_of_range", RuleKind.Unprocessable, Field: "GoalKg");
        public static readonly Rule LogoNotAnImage = new("campaign.logo_not_an_image", RuleKind.UnsupportedMediaType, Field: "Logo");
        public static readonly Rule LogoTooLarge = new("campaign.logo_too_large", RuleKind.TooLarge, Field: "Logo");
        public static readonly Rule NotRunning = new("campaign.not_running", RuleKind.Unprocessable, Field: "CampaignId");
        public static readonly Rule OrganiserRoleInvalid = new("campaign.organiser_role_invalid", RuleKind.Unprocessable);
        public static readonly Rule PeriodInvalid = new("campaign.period_invalid", RuleKind.Unprocessable, Field: "EndsOn");
        public static readonly Rule SlugInvalid = new("campaign.slug_invalid", RuleKind.Unprocessable, Field: "Slug");
        public static readonly Rule SlugTaken = new("campaign.slug_taken", RuleKind.Conflict, Field: "Slug");
        public static readonly Rule StoryChineseInvalid = new("campaign.story_chinese_invalid", RuleKind.Unprocessable, Field: "StoryChinese");
        public static readonly Rule StoryEnglishInvalid = new("campaign.story_english_invalid", RuleKind.Unprocessable, Field: "StoryEnglish");
        public static readonly Rule TooManyOrganisers = new("campaign.too_many_organisers", RuleKind.Unprocessable);
        public static readonly Rule WindowOfAnother = new("campaign.window_of_another", RuleKind.Unprocessable, Field: "CampaignId");
        public static readonly Rule WindowOverlapsCity = new("campaign.window_overlaps_city", RuleKind.Unprocessable, Field: "Windows");
        public static readonly Rule WindowsInvalid = new("campaign.windows_invalid", RuleKind.Unprocessable, Field: "Windows");
        public static readonly Rule WindowWithdrawn = new("campaign.window_withdrawn", RuleKind.Conflict, Field: "SlotId");
    }

    public static class CollectionPoint
    {
        public static readonly Rule AlreadyBooked = new("collection_point.already_booked", RuleKind.Conflict);
        public static readonly Rule Cancelled = new("collection_point.cancelled", RuleKind.Conflict);
        public static readonly Rule Full = new("collection_point.full", RuleKind.Conflict);
        public static readonly Rule NotOrganiser = new("collection_point.not_organiser", RuleKind.Conflict);
        public static readonly Rule PickupFixed = new("collection_point.pickup_fixed", RuleKind.Conflict);
        public static readonly Rule TooMany = new("collection_point.too_many", RuleKind.Conflict);
    }

    public static class ImpactFactors
    {
        public static readonly Rule Incomplete = new("impact_factors.incomplete", RuleKind.Unprocessable);
        public static readonly Rule SourceInvalid = new("impact_factors.source_invalid", RuleKind.Unprocessable);
        public static readonly Rule ValueOutOfRange = new("impact_factors.value_out_of_range", RuleKind.Unprocessable);
        public static readonly Rule YearOutOfRange = new("impact_factors.year_out_of_range", RuleKind.Unprocessable);
    }

    public static class Team
    {
        public static readonly Rule AlreadyMember = new("team.already_member", RuleKind.Conflict);
        public static readonly Rule DisplayNameInvalid = new("team.display_name_invalid", RuleKind.Unprocessable, Field: "DisplayName");
        public static readonly Rule CodeUnknown = new("team.code_unknown", RuleKind.Unprocessable, Field: "Code");
        public static readonly Rule KindInvalid = new("team.kind_invalid", RuleKind.Unprocessable, Field: "Kind");
        public static readonly Rule NameInvalid = new("team.name_invalid", RuleKind.Unprocessable, Field: "Name");
        public static readonly Rule NotMember = new("team.not_member", RuleKind.Conflict);
        public static readonly Rule NotYours = new("team.not_yours", RuleKind.Conflict);
    }

    public static class Concurrency
    {
        public static readonly Rule Conflict = new("concurrency.conflict", RuleKind.Conflict);
        public static readonly Rule IfMatchInvalid = new("concurrency.if_match_invalid", RuleKind.Invalid);
    }

    public static class Courier
    {
        public static readonly Rule AlreadyCourier = new("courier.already_courier", RuleKind.Conflict);
        public static readonly Rule AlreadyInactive = new("courier.already_inactive", RuleKind.Conflict);
        public static readonly Rule DisplayNameRequired = new("courier.display_name_required", RuleKind.Unprocessable);
        public static readonly Rule EmailInvalid = new("courier.email_invalid", RuleKind.Unprocessable);
        public static readonly Rule HubOtherCity = new("courier.hub_other_city", RuleKind.Conflict);
        public static readonly Rule HubRequired = new("courier.hub_required", RuleKind.Unprocessable);
        public static readonly Rule Inactive = new("courier.inactive", RuleKind.Unprocessable);
    }

    public static class Date
    {
        public static readonly Rule OutOfRange = new("date.out_of_range", RuleKind.Unprocessable);
    }

    public static class Dispatch
    {
        public static readonly Rule DayChanged = new("dispatch.day_changed", RuleKind.Conflict);
        public static readonly Rule Failed = new("dispatch.failed", RuleKind.Conflict);
        public static readonly Rule Interrupted = new("dispatch.interrupted", RuleKind.Conflict);
        public static readonly Rule NoSolution = new("dispatch.no_solution", RuleKind.Conflict);
        public static readonly Rule OtherDay = new("dispatch.other_day", RuleKind.Conflict);
        public static readonly Rule RunFinished = new("dispatch.run_finished", RuleKind.Conflict);
        public static readonly Rule RunInProgress = new("dispatch.run_in_progress", RuleKind.Conflict);
    }

    public static class Distribution
    {
        public static readonly Rule BeneficiariesOutOfRange = new("distribution.beneficiaries_out_of_range", RuleKind.Unprocessable);
        public static readonly Rule DateOutOfRange = new("distribution.date_out_of_range", RuleKind.Unprocessable);
        public static readonly Rule ProgrammeRequired = new("distribution.programme_required", RuleKind.Unprocessable);
        public static readonly Rule ProgrammeUnknown = new("distribution.programme_unknown", RuleKind.Unprocessable);
        public static readonly Rule RegionInvalid = new("distribution.region_invalid", RuleKind.Unprocessable);
        public static readonly Rule RegionRequired = new("distribution.region_required", RuleKind.Unprocessable);
    }

    public static class District
    {
        public static readonly Rule SlugInvalid = new("district.slug_invalid", RuleKind.Unprocessable, Field: "Slug");
        public static readonly Rule SlugTaken = new("district.slug_taken", RuleKind.Conflict, Field: "Slug");
    }

    public static class Geo
    {
        public static readonly Rule LatitudeOutOfRange = new("geo.latitude_out_of_range", RuleKind.Unprocessable);
        public static readonly Rule LongitudeOutOfRange = new("geo.longitude_out_of_range", RuleKind.Unprocessable);
    }

    public static class Hub
    {
        public static readonly Rule AddressRequired = new("hub.address_required", RuleKind.Unprocessable, Field: "Address");
    }

    public static class Idempotency
    {
        public static readonly Rule KeyInvalid = new("idempotency.key_invalid", RuleKind.Unprocessable);
        public static readonly Rule KeyRequired = new("idempotency.key_required", RuleKind.Invalid);
        public static readonly Rule KeyReused = new("idempotency.key_reused", RuleKind.Unprocessable);
    }

    public static class Import
    {
        public static readonly Rule ColumnCount = new("import.column_count", RuleKind.Conflict);
        public static readonly Rule ColumnMissing = new("import.column_missing", RuleKind.Conflict);
        public static readonly Rule ColumnUnknown = new("import.column_unknown", RuleKind.Conflict);
        public static readonly Rule DateInvalid = new("import.date_invalid", RuleKind.Unprocessable);
        public static readonly Rule DateOutOfRange = new("import.date_out_of_range", RuleKind.Unprocessable);
        public static readonly Rule DistrictUnknown = new("import.district_unknown", RuleKind.Conflict);
        public static readonly Rule DuplicateRow = new("import.duplicate_row", RuleKind.Conflict);
        public static readonly Rule Empty = new("import.empty", RuleKind.Conflict);
        public static readonly Rule InvalidRows = new("import.invalid_rows", RuleKind.Unprocessable);
        public static readonly Rule NoSuchWindow = new("import.no_such_window", RuleKind.Conflict);
        public static readonly Rule NotCsv = new("import.not_csv", RuleKind.Conflict);
        public static readonly Rule TimeInvalid = new("import.time_invalid", RuleKind.Unprocessable);
        public static readonly Rule TooManyRows = new("import.too_many_rows", RuleKind.Conflict);
        public static readonly Rule WeightBandInvalid = new("import.weight_band_invalid", RuleKind.Unprocessable);
    }

    public static class Input
    {
        public static readonly Rule Format = new("input.format", RuleKind.Invalid);
        public static readonly Rule NulCharacter = new("input.nul_character", RuleKind.Invalid);
    }

    public static class Ledger
    {
        public static readonly Rule ConsistencySizes = new("ledger.consistency_sizes", RuleKind.Unprocessable);
        public static readonly Rule CorrectionFields = new("ledger.correction_fields", RuleKind.Unprocessable);
        public static readonly Rule CorrectionIncomplete = new("ledger.correction_incomplete", RuleKind.Unprocessable);
        public static readonly Rule CorrectionReasonMismatch = new("ledger.correction_reason_mismatch", RuleKind.Unprocessable);
        public static readonly Rule CorrectionValueOutOfRange = new("ledger.correction_value_out_of_range", RuleKind.Unprocessable);
        public static readonly Rule DigestInvalid = new("ledger.digest_invalid", RuleKind.Unprocessable);
        public static readonly Rule EntryAfterCheckpoint = new("ledger.entry_after_checkpoint", RuleKind.Unprocessable);
        public static readonly Rule EntryTooLarge = new("ledger.entry_too_large", RuleKind.Conflict);
        public static readonly Rule ReceiptCodeInvalid = new("ledger.receipt_code_invalid", RuleKind.Unprocessable);
    }

    public static class Lot
    {
        public static readonly Rule AlreadyAllocated = new("lot.already_allocated", RuleKind.Conflict);
        public static readonly Rule AlreadyReceived = new("lot.already_received", RuleKind.Conflict);
        public static readonly Rule DistributionExceedsReceived = new("lot.distribution_exceeds_received", RuleKind.Conflict);
        public static readonly Rule ItemsOutOfRange = new("lot.items_out_of_range", RuleKind.Unprocessable);
        public static readonly Rule MoreThanAllocatedNeedsNote = new("lot.more_than_allocated_needs_note", RuleKind.Conflict);
        public static readonly Rule NotReceived = new("lot.not_received", RuleKind.Conflict);
        public static readonly Rule NotRecycle = new("lot.not_recycle", RuleKind.Conflict);
        public static readonly Rule NotReuse = new("lot.not_reuse", RuleKind.Conflict);
        public static readonly Rule NotYours = new("lot.not_yours", RuleKind.Conflict);
        public static readonly Rule NoteTooLong = new("lot.note_too_long", RuleKind.Unprocessable);
        public static readonly Rule PartnerNotInCity = new("lot.partner_not_in_city", RuleKind.Unprocessable);
        public static readonly Rule PartnerWrongKind = new("lot.partner_wrong_kind", RuleKind.Unprocessable);
        public static readonly Rule RecycledExceedsReceived = new("lot.recycled_exceeds_received", RuleKind.Conflict);
        public static readonly Rule StreamInvalid = new("lot.stream_invalid", RuleKind.Unprocessable);
        public static readonly Rule WasteNotAllocated = new("lot.waste_not_allocated", RuleKind.Unprocessable);
        public static readonly Rule WeightOutOfRange = new("lot.weight_out_of_range", RuleKind.Unprocessable);
    }

    public static class Name
    {
        public static readonly Rule ChineseRequired = new("name.chinese_required", RuleKind.Unprocessable);
        public static readonly Rule EnglishRequired = new("name.english_required", RuleKind.Unprocessable);
    }

    public static class Pagination
    {
        public static readonly Rule CursorInvalid = new("pagination.cursor_invalid", RuleKind.Unprocessable);
    }

    public static class Partner
    {
        public static readonly Rule CityRequired = new("partner.city_required", RuleKind.Unprocessable, Field: "CityIds");
        public static readonly Rule CityUnknown = new("partner.city_unknown", RuleKind.Conflict, Field: "CityIds");
        public static readonly Rule ContactEmailInvalid = new("partner.contact_email_invalid", RuleKind.Unprocessable);
        public static readonly Rule KindFixed = new("partner.kind_fixed", RuleKind.Conflict);
        public static readonly Rule KindRequired = new("partner.kind_required", RuleKind.Unprocessable);
        public static readonly Rule NameRequired = new("partner.name_required", RuleKind.Unprocessable);
        public static readonly Rule StaffElsewhere = new("partner.staff_elsewhere", RuleKind.Conflict);
        public static readonly Rule StaffEmailInvalid = new("partner.staff_email_invalid", RuleKind.Invalid, Field: "Email");
    }

    public static class Photo
    {
        public static readonly Rule NotAnImage = new("photo.not_an_image", RuleKind.UnsupportedMediaType);
        public static readonly Rule NotUploaded = new("photo.not_uploaded", RuleKind.Unprocessable);
        public static readonly Rule TooLarge = new("photo.too_large", RuleKind.TooLarge);
        public static readonly Rule TooMany = new("photo.too_many", RuleKind.Unprocessable);
    }

    public static class Pickup
    {
        public static readonly Rule AfterCutoff = new("pickup.after_cutoff", RuleKind.Conflict, Field: "SlotId");
        public static readonly Rule AlreadyStarted = new("pickup.already_started", RuleKind.Conflict);
        public static readonly Rule BagCount = new("pickup.bag_count", RuleKind.Unprocessable, Field: "Bags");
        public static readonly Rule BagCountMismatch = new("pickup.bag_count_mismatch", RuleKind.Unprocessable);
        public static readonly Rule BagWeightsCount = new("pickup.bag_weights_count", RuleKind.Conflict);
        public static readonly Rule BelowMinimumWeight = new("pickup.below_minimum_weight", RuleKind.Unprocessable, Field: "Weight");
        public static readonly Rule CategoriesRequired = new("pickup.categories_required", RuleKind.Unprocessable, Field: "Categories");
        public static readonly Rule CharityNotInCity = new("pickup.charity_not_in_city", RuleKind.Unprocessable, Field: "CharityId");
        public static readonly Rule ConditionRequired = new("pickup.condition_required", RuleKind.Unprocessable);
        public static readonly Rule DistrictMismatch = new("pickup.district_mismatch", RuleKind.Unprocessable);
        public static readonly Rule EventTypeRequired = new("pickup.event_type_required", RuleKind.Unprocessable);
        public static readonly Rule FailureNoteRequired = new("pickup.failure_note_required", RuleKind.Unprocessable);
        public static readonly Rule FailureReasonRequired = new("pickup.failure_reason_required", RuleKind.Unprocessable);
        public static readonly Rule LabelInvalid = new("pickup.label_invalid", RuleKind.Unprocessable);
        public static readonly Rule LabelNotOurs = new("pickup.label_not_ours", RuleKind.Unprocessable);
        public static readonly Rule LabelScannedTwice = new("pickup.label_scanned_twice", RuleKind.Unprocessable);
        public static readonly Rule LabelUnknown = new("pickup.label_unknown", RuleKind.Unprocessable);
        public static readonly Rule MissingBagsNoteRequired = new("pickup.missing_bags_note_required", RuleKind.Unprocessable);
        public static readonly Rule NotCancellable = new("pickup.not_cancellable", RuleKind.Conflict);
        public static readonly Rule NotReschedulable = new("pickup.not_reschedulable", RuleKind.Conflict);
        public static readonly Rule NotYourStop = new("pickup.not_your_stop", RuleKind.Conflict);
        public static readonly Rule PhotoHashInvalid = new("pickup.photo_hash_invalid", RuleKind.Unprocessable);
        public static readonly Rule ReasonTooLong = new("pickup.reason_too_long", RuleKind.Unprocessable);
        public static readonly Rule ReferenceInvalid = new("pickup.reference_invalid", RuleKind.Unprocessable);
        public static readonly Rule RouteOrderInvalid = new("pickup.route_order_invalid", RuleKind.Unprocessable);
        public static readonly Rule SameWindow = new("pickup.same_window", RuleKind.Conflict, Field: "SlotId");
        public static readonly Rule SlotRequired = new("pickup.slot_required", RuleKind.Unprocessable);
        public static readonly Rule TransitionNotAllowed = new("pickup.transition_not_allowed", RuleKind.Conflict);
        public static readonly Rule WeightOutOfRange = new("pickup.weight_out_of_range", RuleKind.Unprocessable);
        public static readonly Rule WeightRequired = new("pickup.weight_required", RuleKind.Unprocessable);
        public static readonly Rule WeightsDisagree = new("pickup.weights_disagree", RuleKind.Conflict);
        public static readonly Rule WindowInPast = new("pickup.window_in_past", RuleKind.Conflict, Field: "SlotId");
    }

    public static class Programme
    {
        public static readonly Rule NameTaken = new("programme.name_taken", RuleKind.Conflict, Field: "English");
        public static readonly Rule OnlyCharities = new("programme.only_charities", RuleKind.Conflict, Field: "English");
    }

    public static class Receipt
    {
        public static readonly Rule NotReady = new("receipt.not_ready", RuleKind.Conflict);
    }

    public static class Shift
    {
        public static readonly Rule AlreadyDroppedOut = new("shift.already_dropped_out", RuleKind.Conflict);
        public static readonly Rule CapacityBagsInvalid = new("shift.capacity_bags_invalid", RuleKind.Unprocessable);
        public static readonly Rule CapacityKgInvalid = new("shift.capacity_kg_invalid", RuleKind.Unprocessable);
        public static readonly Rule CourierInactive = new("shift.courier_inactive", RuleKind.Conflict);
        public static readonly Rule CourierRequired = new("shift.courier_required", RuleKind.Unprocessable);
        public static readonly Rule DroppedOut = new("shift.dropped_out", RuleKind.Conflict);
        public static readonly Rule EndHubOtherCity = new("shift.end_hub_other_city", RuleKind.Conflict);
        public static readonly Rule HasStops = new("shift.has_stops", RuleKind.Conflict);
        public static readonly Rule HoursInvalid = new("shift.hours_invalid", RuleKind.Unprocessable);
        public static readonly Rule Overlaps = new("shift.overlaps", RuleKind.Conflict);
        public static readonly Rule StartHubOtherCity = new("shift.start_hub_other_city", RuleKind.Conflict);
        public static readonly Rule StartHubRequired = new("shift.start_hub_required", RuleKind.Unprocessable);
    }

    public static class Slot
    {
        public static readonly Rule CapacityNegative = new("slot.capacity_negative", RuleKind.Unprocessable);
        public static readonly Rule CapacityOutOfRange = new("slot.capacity_out_of_range", RuleKind.Unprocessable);
        public static readonly Rule Full = new("slot.full", RuleKind.Conflict, Field: "SlotId");
        public static readonly Rule WindowInvalid = new("slot.window_invalid", RuleKind.Unprocessable);
    }

    public static class Sort
    {
        public static readonly Rule LotsRequired = new("sort.lots_required", RuleKind.Unprocessable);
        public static readonly Rule MoreThanReceived = new("sort.more_than_received", RuleKind.Conflict);
        public static readonly Rule PickupNotAtHub = new("sort.pickup_not_at_hub", RuleKind.Conflict);
        public static readonly Rule PickupsRequired = new("sort.pickups_required", RuleKind.Unprocessable);
        public static readonly Rule StreamTwice = new("sort.stream_twice", RuleKind.Conflict);
    }

    /// <summary>Every rule, by code: for codes stored as text (a dispatch run's failure, an import row's error).</summary>
    public static IReadOnlyDictionary<string, Rule> ByCode { get; } = typeof(Rules).GetNestedTypes().Prepend(typeof(Rules))
        .SelectMany(type => type.GetFields(BindingFlags.Public | BindingFlags.Static))
        .Where(field => field.FieldType == typeof(Rule))
        .Select(field => (Rule)field.GetValue(null)!)
        .ToDictionary(rule => rule.Code, StringComparer.Ordinal);
}
