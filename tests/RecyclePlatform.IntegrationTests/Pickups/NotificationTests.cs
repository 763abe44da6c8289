using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RecyclePlatform.Application.Accounts;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.Notifications;
using RecyclePlatform.Application.Pickups;
using RecyclePlatform.Domain.Common;
using RecyclePlatform.Domain.Pickups;
using RecyclePlatform.Infrastructure.Identity;

namespace RecyclePlatform.IntegrationTests.Pickups;

/// <summary>Outbound e-mail is the one thing replaced here: it records, or fails on purpose.</summary>
public sealed class RecordingEmailSender : IEmailSender
{
    public List<EmailMessage> Sent { get; } = [];
    public bool Fail { get; set; }

    public Task SendAsync(EmailMessage message, CancellationToken ct)
    {
        if (Fail)
        {
            throw new InvalidOperationException("SMTP server unreachable");
        }
        Sent.Add(message);
        return Task.CompletedTask;
    }
}

internal sealed class PlainRenderer : INotificationRenderer
{
    public RenderedNotification Render(Notification notification, string culture, InvitationDetails? invitation = null) =>
        new($"{notification.Kind} {notification.PickupReference}", $"in {culture}");
}

public sealed class NotificationTests(PostgresFixture fixture) : IClassFixture<PostgresFixture>, IAsyncLifetime
{
    private readonly RecordingEmailSender _email = new();
    private ServiceProvider _services = null!;
    private BookingScenario _scenario = null!;

    public async Task InitializeAsync()
    {
        _services = BookingScenario.Services(fixture, services =>
        {
            services.AddSingleton<IEmailSender>(_email);
            services.AddSingleton<INotificationRenderer, PlainRenderer>();
        });
        _scenario = await BookingScenario.CreateAsync(fixture, _services);
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    private Task<BookingResult> BookAsync(Guid donor, Guid slotId) =>
        _scenario.AsAsync(donor, sp => sp.GetRequiredService<BookPickupHandler>().HandleAsync(_scenario.Command(slotId), null, CancellationToken.None));

    private Task<int> SendDueAsync() =>
        _scenario.AsAsync(Guid.Empty, sp => sp.GetRequiredService<NotificationDispatcher>().SendDueAsync(100, CancellationToken.None));

    private async Task<List<Notification>> NotificationsOfAsync(Guid donor)
    {
        await using var db = fixture.CreateContext();
        return await db.Notifications.Where(n => n.UserId == donor).OrderBy(n => n.CreatedAt).ToListAsync();
    }

    [Fact]
    public async Task Booking_QueuesAConfirmation_ThatIsEmailedOnce()
    {
        var slot = await _scenario.AddSlotAsync(capacity: 5);
        var donor = (await _scenario.AddDonorsAsync(1))[0];

        var booked = await BookAsync(donor, slot.Id);
        await SendDueAsync();
        await SendDueAsync();

        var notification = (await NotificationsOfAsync(donor)).ShouldHaveSingleItem();
        notification.Kind.ShouldBe(NotificationKind.BookingConfirmed);
        notification.EmailSentAt.ShouldNotBeNull();
        _email.Sent.Count(m => m.Subject == $"BookingConfirmed {PickupReference.Format(booked.Reference)}").ShouldBe(1);
        _email.Sent.Single(m => m.Subject.EndsWith(PickupReference.Format(booked.Reference), StringComparison.Ordinal)).To.ShouldBe($"donor.{donor:N}@example.org");
    }

    [Fact]
    public async Task RefusedBooking_QueuesNothing()
    {
        var slot = await _scenario.AddSlotAsync(capacity: 0);
        var donor = (await _scenario.AddDonorsAsync(1))[0];

        await Should.ThrowAsync<DomainRuleException>(() => BookAsync(donor, slot.Id));

        (await NotificationsOfAsync(donor)).ShouldBeEmpty();
    }

    [Fact]
    public async Task FailedEmail_IsRetriedLater_AndTheBookingStands()
    {
        var slot = await _scenario.AddSlotAsync(capacity: 5);
        var donor = (await _scenario.AddDonorsAsync(1))[0];
        await BookAsync(donor, slot.Id);
        _email.Fail = true;

        try
        {
            await SendDueAsync();
        }
        finally
        {
            _email.Fail = false;
        }

        var notification = (await NotificationsOfAsync(donor)).Single();
        notification.EmailSentAt.ShouldBeNull();
        notification.EmailAttempts.ShouldBe(1);
        notification.LastError.ShouldBe("SMTP server unreachable");
        notification.NextAttemptAt.ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddSeconds(30));
        await using var db = fixture.CreateContext();
        (await db.Pickups.CountAsync(p => p.ConsumerId == donor && p.Status == PickupStatus.Booked)).ShouldBe(1);
    }

    [Fact]
    public async Task RescheduleAndCancel_AreEachNotified()
    {
        var first = await _scenario.AddSlotAsync(capacity: 5, daysAhead: 2);
        var second = await _scenario.AddSlotAsync(capacity: 5, daysAhead: 3);
        var donor = (await _scenario.AddDonorsAsync(1))[0];
        var booked = await BookAsync(donor, first.Id);

        await _scenario.AsAsync(donor, sp => sp.GetRequiredService<ReschedulePickupHandler>()
            .HandleAsync(booked.Reference, new ReschedulePickupCommand { SlotId = second.Id }, null, CancellationToken.None));
        await _scenario.AsAsync(donor, sp => sp.GetRequiredService<CancelPickupHandler>()
            .HandleAsync(booked.Reference, new CancelPickupCommand(), null, CancellationToken.None));

        (await NotificationsOfAsync(donor)).Select(n => n.Kind)
            .ShouldBe([NotificationKind.BookingConfirmed, NotificationKind.Rescheduled, NotificationKind.Cancelled]);
    }

    [Fact]
    public async Task Reminder_IsQueuedOnce_TheDayBefore()
    {
        var tomorrow = await _scenario.AddSlotAtAsync(DateTimeOffset.UtcNow.AddHours(24), capacity: 5);
        var nextWeek = await _scenario.AddSlotAtAsync(DateTimeOffset.UtcNow.AddDays(7), capacity: 5);
        var donors = await _scenario.AddDonorsAsync(2);
        await BookAsync(donors[0], tomorrow.Id);
        await BookAsync(donors[1], nextWeek.Id);

        await _scenario.AsAsync(Guid.Empty, sp => sp.GetRequiredService<NotificationDispatcher>().QueueRemindersAsync(CancellationToken.None));
        await _scenario.AsAsync(Guid.Empty, sp => sp.GetRequiredService<NotificationDispatcher>().QueueRemindersAsync(CancellationToken.None));

        (await NotificationsOfAsync(donors[0])).Count(n => n.Kind == NotificationKind.Reminder).ShouldBe(1);
        (await NotificationsOfAsync(donors[1])).Count(n => n.Kind == NotificationKind.Reminder).ShouldBe(0);
        await using var db = fixture.CreateContext();
        // Queuing the reminder leaves the version alone: a courier's page read before it is not stale.
        (await db.Pickups.SingleAsync(p => p.ConsumerId == donors[0])).Version.ShouldBe(1);
    }

    [Fact]
    public async Task DeletingAnAccount_ErasesTheDonor_CancelsWhatIsUpcoming_AndKeepsTheRecords()
    {
        var slot = await _scenario.AddSlotAsync(capacity: 5);
        var donor = (await _scenario.AddDonorsAsync(1))[0];
        var booked = await BookAsync(donor, slot.Id);

        await _scenario.AsAsync(donor, async sp =>
        {
            await sp.GetRequiredService<DeleteAccountHandler>().HandleAsync(donor, CancellationToken.None);
            return true;
        });

        await using var db = fixture.CreateContext();
        (await db.Users.AnyAsync(u => u.Id == donor)).ShouldBeFalse();
        (await db.Notifications.AnyAsync(n => n.UserId == donor)).ShouldBeFalse();
        var pickup = await db.Pickups.SingleAsync(p => p.Id == booked.PickupId);
        pickup.ConsumerId.ShouldBeNull();
        pickup.Reference.ShouldNotBe(booked.Reference); // a tombstone: the reference printed on the bags is gone
        pickup.Status.ShouldBe(PickupStatus.Cancelled);
        pickup.Address.Street.ShouldBeEmpty();
        pickup.Address.Phone.ShouldBeEmpty();
        pickup.Address.ContactName.ShouldBeEmpty();
        pickup.Address.DistrictId.ShouldBe(_scenario.District.Id);
        (await db.Slots.SingleAsync(s => s.Id == slot.Id)).Booked.ShouldBe(0);
    }
}
