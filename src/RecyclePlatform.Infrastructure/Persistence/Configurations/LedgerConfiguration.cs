using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RecyclePlatform.Application.Ledger;

namespace RecyclePlatform.Infrastructure.Persistence.Configurations;

/// <summary>
/// The ledger's tables. Keys are assigned by the sequencer, never by the database. Entries,
/// nodes and checkpoints refuse UPDATE and DELETE through triggers created in the migration
/// (LedgerTriggers), so not even a bug in this code can rewrite history.
/// </summary>
internal sealed class LedgerConfiguration :
    IEntityTypeConfiguration<LedgerOutboxItem>,
    IEntityTypeConfiguration<LedgerEntryRecord>,
    IEntityTypeConfiguration<LedgerNodeRecord>,
    IEntityTypeConfiguration<LedgerCheckpointRecord>,
    IEntityTypeConfiguration<DonorLedgerSalt>,
    IEntityTypeConfiguration<LedgerAuditRun>,
    IEntityTypeConfiguration<Domain.Ledger.LedgerCorrection>,
    IEntityTypeConfiguration<LedgerMentionRecord>,
    IEntityTypeConfiguration<LedgerCosignatureRecord>,
    IEntityTypeConfiguration<LedgerTileRecord>
{
    public void Configure(EntityTypeBuilder<LedgerOutboxItem> item)
    {
        item.ToTable("ledger_outbox");
        item.HasKey(i => i.Id);
        item.Property(i => i.Id).ValueGeneratedOnAdd();
        item.Property(i => i.Kind).HasConversion<string>().HasMaxLength(30);
        item.Property(i => i.Subject).HasMaxLength(64);
    }

    public void Configure(EntityTypeBuilder<LedgerEntryRecord> entry)
    {
        entry.ToTable("ledger_entries");
        entry.HasKey(e => e.Index);
        entry.Property(e => e.Index).ValueGeneratedNever();
        entry.Property(e => e.Kind).HasConversion<string>().HasMaxLength(30);
        entry.Property(e => e.Subject).HasMaxLength(64);
        entry.HasIndex(e => e.Subject);
        entry.HasIndex(e => e.OutboxId).IsUnique();
    }

    public void Configure(EntityTypeBuilder<LedgerNodeRecord> node)
    {
        node.ToTable("ledger_nodes");
        node.HasKey(n => n.Key);
        node.Property(n => n.Key).ValueGeneratedNever();
    }

    public void Configure(EntityTypeBuilder<LedgerCheckpointRecord> checkpoint)
    {
        checkpoint.ToTable("ledger_checkpoints");
        checkpoint.HasKey(c => c.Size);
        checkpoint.Property(c => c.Size).ValueGeneratedNever();
        checkpoint.Property(c => c.Note).HasMaxLength(2000);
    }

    public void Configure(EntityTypeBuilder<DonorLedgerSalt> salt)
    {
        salt.ToTable("donor_ledger_salts");
        salt.HasKey(s => s.UserId);
        salt.Property(s => s.UserId).ValueGeneratedNever();
    }

    public void Configure(EntityTypeBuilder<LedgerAuditRun> run)
    {
        run.ToTable("ledger_audit_runs");
        run.HasKey(r => r.Id);
        run.Property(r => r.Id).ValueGeneratedNever();
        run.Property(r => r.Problem).HasMaxLength(500);
        run.HasIndex(r => r.StartedAt);
    }

    public void Configure(EntityTypeBuilder<Domain.Ledger.LedgerCorrection> correction)
    {
        correction.ToTable("ledger_corrections");
        correction.HasKey(c => c.Id);
        correction.Property(c => c.Id).ValueGeneratedNever();
        correction.Property(c => c.Reason).HasConversion<string>().HasMaxLength(20);
        correction.Property(c => c.RegionCode).HasMaxLength(6);
        correction.HasIndex(c => c.Corrects);
    }

    public void Configure(EntityTypeBuilder<LedgerCosignatureRecord> cosignature)
    {
        cosignature.ToTable("ledger_cosignatures");
        cosignature.HasKey(c => c.Id);
        cosignature.Property(c => c.Id).ValueGeneratedOnAdd();
        cosignature.Property(c => c.Witness).HasMaxLength(200);
        cosignature.Property(c => c.Line).HasMaxLength(400);
        cosignature.HasIndex(c => new { c.CheckpointSize, c.Witness, c.CosignedAt });
        cosignature.HasIndex(c => new { c.Witness, c.CheckpointSize });
    }

    public void Configure(EntityTypeBuilder<LedgerTileRecord> tile)
    {
        tile.ToTable("ledger_tiles");
        tile.HasKey(t => new { t.Level, t.Index });
    }

    public void Configure(EntityTypeBuilder<LedgerMentionRecord> mention)
    {
        mention.ToTable("ledger_mentions");
        mention.HasKey(m => new { m.Subject, m.EntryIndex });
        mention.Property(m => m.Subject).HasMaxLength(64);
    }
}
