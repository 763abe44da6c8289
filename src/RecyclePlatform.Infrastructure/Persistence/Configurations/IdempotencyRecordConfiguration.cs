using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RecyclePlatform.Application.Accounts;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Infrastructure.Identity;

namespace RecyclePlatform.Infrastructure.Persistence.Configurations;

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> record)
    {
        // The key is the client's and only unique per user and operation.
        record.HasKey(r => new { r.UserId, r.Operation, r.Key });
        record.Property(r => r.Key).HasMaxLength(IdempotencyRecord.MaxKeyLength);
        record.Property(r => r.Operation).HasMaxLength(IdempotencyRecord.MaxOperationLength);
        record.Property(r => r.RequestHash).HasMaxLength(64);
        record.HasOne<ApplicationUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
