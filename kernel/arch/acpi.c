/*
 * acpi.c - finding the CPUs and the I/O APIC in the firmware's ACPI tables.
 *
 * Before it can start the other CPUs (smp.c) or route a device's interrupt
 * (ioapic.c), the kernel must learn what the machine has: which local APIC
 * ids belong to CPUs, where the I/O APIC's registers are, and which ISA
 * IRQs are wired to other I/O APIC inputs.  The firmware (SeaBIOS under
 * QEMU) describes this in tables in memory:
 *
 *   RSDP "RSD PTR "  in the EBDA's first KiB or in 0xE0000-0xFFFFF, on a
 *    |               16-byte boundary: points to
 *    v
 *   RSDT "RSDT" (32-bit pointers) or XSDT "XSDT" (64-bit, ACPI 2.0+):
 *    |               a list of tables; the one signed "APIC" is
 *    v
 *   MADT "APIC": a header, then variable-length entries:
 *      type 0  processor local APIC  (ACPI processor id, APIC id, flags)
 *      type 1  I/O APIC              (id, register address, GSI base)
 *      type 2  interrupt override    (ISA IRQ -> GSI, polarity, trigger)
 *      type 9  processor local x2APIC (32-bit APIC id, flags)
 *
 * A processor entry counts only if its flags say "enabled" (bit 0): QEMU
 * also lists the CPUs that could be hot-plugged later (-smp 2,maxcpus=4)
 * with the bit clear, and starting those would wait for CPUs that are not
 * there.  Every table carries a checksum (its bytes sum to 0 mod 256); a
 * table whose checksum is wrong is ignored, as if it were not there.
 *
 * If there is no usable MADT (or the command line says acpi=off) the MP
 * tables of Intel's 1997 MultiProcessor Specification are tried
 * (mptable.c); if neither exists (or mptable=off too) the machine is taken
 * to have one CPU and an I/O APIC at the standard address, the spec's
 * "default configuration".
 *
 * The tables are physical memory the kernel may not have mapped: QEMU
 * puts them at the top of RAM, which is above the direct map when the
 * machine has more than 768 MiB.  vm_map_phys (vm.c) maps them.
 *
 * Entry point: acpi_init(), once, on the boot CPU, before smp.c and
 * ioapic.c read `platform`, which never changes afterwards.  No locks.
 */
#include "arch/acpi.h"
#include "lib/lib.h"
#include "mm/memlayout.h"
#include "mm/vm.h"

struct platform_config platform;

struct rsdp {
	char signature[8];		/* "RSD PTR " */
	uint8_t checksum;		/* over the first 20 bytes */
	char oem[6];
	uint8_t revision;		/* 0: ACPI 1.0; 2: 2.0 and later */
	uint32_t rsdt_phys;
	uint32_t length;		/* 2.0: the whole structure */
	uint64_t xsdt_phys;
	uint8_t ext_checksum;		/* 2.0: over `length` bytes */
	uint8_t reserved[3];
} __packed;

struct sdt_header {			/* every ACPI table starts so */
	char signature[4];
	uint32_t length;		/* header included */
	uint8_t revision, checksum;
	char oem[6], oem_table[8];
	uint32_t oem_revision, creator, creator_revision;
} __packed;

struct madt {
	struct sdt_header h;
	uint32_t lapic_phys;		/* the MSR says it too (lapic.c) */
	uint32_t flags;			/* bit 0: there are 8259 PICs too */
	uint8_t entries[];
} __packed;

struct madt_entry {
	uint8_t type, length;
} __packed;

#define MADT_LAPIC 0
#define MADT_IOAPIC 1
#define MADT_OVERRIDE 2
#define MADT_X2APIC 9
#define MADT_CPU_ENABLED 0x1

struct madt_lapic {
	struct madt_entry e;
	uint8_t acpi_id, apic_id;
	uint32_t flags;
} __packed;

struct madt_ioapic {
	struct madt_entry e;
	uint8_t id, reserved;
	uint32_t phys, gsi_base;
} __packed;

struct madt_override {
	struct madt_entry e;
	uint8_t bus, irq;		/* bus 0 is ISA */
	uint32_t gsi;
	uint16_t flags;
} __packed;

struct madt_x2apic {
	struct madt_entry e;
	uint16_t reserved;
	uint32_t apic_id, flags, acpi_uid;
} __packed;

bool table_checksum_ok(const void *table, uint32_t len)
{
	const uint8_t *p = table;
	uint8_t sum = 0;

	for (uint32_t i = 0; i < len; i++)
		sum += p[i];
	return sum == 0;
}

/* A CPU the tables list as enabled; the first MAX_CPUS are kept. */
void platform_add_cpu(uint32_t apic_id)
{
	if (apic_id >= 0xFF) {		/* 0xFF is the xAPIC broadcast id */
		printk("smp: ignoring the CPU with APIC id %u: Conduit drives "
		       "local APICs in xAPIC mode (8-bit ids)\n", apic_id);
		return;
	}
	for (int i = 0; i < platform.ncpu; i++)
		if (platform.apic_id[i] == apic_id)
			return;		/* listed twice (xAPIC and x2APIC entry) */
	platform.ncpu_found++;
	if (platform.ncpu < MAX_CPUS)
		platform.apic_id[platform.ncpu++] = apic_id;
}

/* The I/O APIC that has GSI 0 (the ISA IRQs); Conduit drives only one. */
void platform_set_ioapic(uint8_t id, uint32_t phys, uint32_t gsi_base)
{
	if (platform.ioapic_phys && gsi_base != 0) {
		printk("ioapic: ignoring the I/O APIC at %p (GSI %u and up)\n",
		       (void *)phys, gsi_base);
		return;
	}
	platform.ioapic_id = id;
	platform.ioapic_phys = phys;
	platform.ioapic_gsi_base = gsi_base;
}

/* "RSD PTR " in [start, start + len), on 16-byte boundaries, checksummed. */
static const struct rsdp *rsdp_scan(uint32_t start, uint32_t len)
{
	for (uint32_t pa = start; pa + sizeof(struct rsdp) <= start + len; pa += 16) {
		const struct rsdp *r = phys_to_virt(pa);
		if (memcmp(r->signature, "RSD PTR ", 8) == 0 &&
		    table_checksum_ok(r, 20))
			return r;
	}
	return NULL;
}

/* The EBDA's segment is the BIOS data area's word at 0x40E. */
static const struct rsdp *rsdp_find(void)
{
	uint32_t ebda = *(const uint16_t *)phys_to_virt(0x40E) << 4;
	const struct rsdp *r = NULL;

	if (ebda >= 0x80000 && ebda < 0xA0000)
		r = rsdp_scan(ebda, 1024);
	return r ? r : rsdp_scan(0xE0000, 0x20000);
}

/* The table at `phys`, mapped whole, if its checksum holds. */
static const struct sdt_header *sdt_map(uint64_t phys)
{
	const struct sdt_header *h;
	uint32_t len;

	if (phys == 0 || phys >= 0x100000000ull - sizeof(*h))
		return NULL;		/* not reachable with 32-bit paging */
	h = vm_map_phys(phys, sizeof(*h));
	len = h->length;
	if (len < sizeof(*h) || len > 0x100000 || phys + len > 0x100000000ull)
		return NULL;
	h = vm_map_phys(phys, len);
	if (!table_checksum_ok(h, len)) {
		printk("acpi: the %.4s table at %p has a bad checksum: ignored\n",
		       h->signature, (void *)(uint32_t)phys);
		return NULL;
	}
	return h;
}

/* The table signed `sig` in the RSDT or XSDT (entries of `width` bytes). */
static const struct sdt_header *sdt_find(const struct sdt_header *root,
					 uint32_t width, const char *sig)
{
	const uint8_t *p = (const uint8_t *)(root + 1);
	uint32_t n = (root->length - sizeof(*root)) / width;

	for (uint32_t i = 0; i < n; i++) {
		uint64_t phys = width == 8 ? *(const uint64_t *)(p + 8 * i) :
					     *(const uint32_t *)(p + 4 * i);
		const struct sdt_header *h = sdt_map(phys);
		if (h && memcmp(h->signature, sig, 4) == 0)
			return h;
	}
	return NULL;
}

static const struct madt *madt_find(void)
{
	const struct rsdp *r = rsdp_find();
	const struct sdt_header *root = NULL;

	if (!r)
		return NULL;
	if (r->revision >= 2 && table_checksum_ok(r, r->length) && r->xsdt_phys)
		root = sdt_map(r->xsdt_phys);
	if (root && memcmp(root->signature, "XSDT", 4) == 0)
		return (const struct madt *)sdt_find(root, 8, "APIC");
	root = sdt_map(r->rsdt_phys);
	if (root && memcmp(root->signature, "RSDT", 4) == 0)
		return (const struct madt *)sdt_find(root, 4, "APIC");
	return NULL;
}

static void madt_entry(const struct madt_entry *e)
{
	const struct madt_lapic *l = (const void *)e;
	const struct madt_x2apic *x = (const void *)e;
	const struct madt_ioapic *io = (const void *)e;
	const struct madt_override *o = (const void *)e;

	if (e->type == MADT_LAPIC && e->length >= sizeof(*l)) {
		if (l->flags & MADT_CPU_ENABLED)
			platform_add_cpu(l->apic_id);
	} else if (e->type == MADT_X2APIC && e->length >= sizeof(*x)) {
		if (x->flags & MADT_CPU_ENABLED)
			platform_add_cpu(x->apic_id);
	} else if (e->type == MADT_IOAPIC && e->length >= sizeof(*io)) {
		platform_set_ioapic(io->id, io->phys, io->gsi_base);
	} else if (e->type == MADT_OVERRIDE && e->length >= sizeof(*o)) {
		if (o->bus == 0 && o->irq < ISA_IRQS)
			platform.isa[o->irq] = (struct isa_route){ o->gsi, o->flags };
	}
}

static bool madt_parse(void)
{
	const struct madt *m = madt_find();
	const uint8_t *p, *end;

	if (!m)
		return false;
	p = m->entries;
	end = (const uint8_t *)m + m->h.length;
	while (p + sizeof(struct madt_entry) <= end) {
		const struct madt_entry *e = (const void *)p;
		if (e->length < sizeof(*e) || p + e->length > end)
			break;		/* a broken entry: stop, keep what we have */
		madt_entry(e);
		p += e->length;
	}
	return true;
}

static void platform_reset(void)
{
	memset(&platform, 0, sizeof(platform));
	for (int i = 0; i < ISA_IRQS; i++)
		platform.isa[i] = (struct isa_route){ i, 0 };
}

static void platform_print(void)
{
	printk("smp: %s lists %d CPUs (APIC ids", platform.source,
	       platform.ncpu_found);
	for (int i = 0; i < platform.ncpu; i++)
		printk(" %u", platform.apic_id[i]);
	printk("%s), I/O APIC at %p (GSI base %u)\n",
	       platform.ncpu_found > platform.ncpu ? " ..." : "",
	       (void *)platform.ioapic_phys, platform.ioapic_gsi_base);
	if (platform.ncpu_found > MAX_CPUS)
		printk("smp: using %d CPUs of %d: Conduit supports at most %d\n",
		       MAX_CPUS, platform.ncpu_found, MAX_CPUS);
}

/* The MADT, else the MP tables, else one CPU and the default I/O APIC. */
void acpi_init(bool use_acpi, bool use_mptable)
{
	platform_reset();
	platform.source = "ACPI MADT";
	if (!use_acpi || !madt_parse()) {
		platform_reset();
		platform.source = "MP table";
		if (!use_mptable || !mptable_parse()) {
			platform_reset();
			platform.source = "defaults";
		}
	}
	if (platform.ioapic_phys == 0)
		platform_set_ioapic(0, IOAPIC_DEFAULT_PHYS, 0);
	platform_print();
}
