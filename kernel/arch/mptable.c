/*
 * mptable.c - the MultiProcessor Specification's tables (Intel, 1997):
 * the older way firmware describes CPUs and I/O APICs, used when there is
 * no ACPI MADT (acpi.c) or the command line says acpi=off.
 *
 *   floating pointer "_MP_"  (16 bytes, on a 16-byte boundary, in the
 *    |   EBDA's first KiB, the last KiB of base memory, or 0xF0000-0xFFFFF)
 *    v
 *   configuration table "PCMP": a header, then entries in order:
 *      type 0  processor   (20 bytes: APIC id, flags: bit 0 enabled)
 *      type 1  bus         (8: bus id, a name such as "ISA   ")
 *      type 2  I/O APIC    (8: id, flags: bit 0 enabled, address)
 *      type 3  I/O interrupt (8: kind, polarity/trigger, source bus and
 *                          IRQ, destination I/O APIC and input)
 *      type 4  local interrupt (8)
 *
 * The type 3 entries for the ISA bus give each ISA IRQ's I/O APIC input,
 * in the same polarity/trigger format as the MADT's overrides
 * (INTI_* in acpi.h).  A floating pointer with a nonzero "default
 * configuration" byte has no table: two CPUs, APIC ids 0 and 1, and the
 * I/O APIC at its standard address.
 *
 * Entry point: mptable_parse(), from acpi_init() only; fills `platform`.
 */
#include "arch/acpi.h"
#include "lib/lib.h"
#include "mm/memlayout.h"
#include "mm/vm.h"

struct mp_floating {
	char signature[4];		/* "_MP_" */
	uint32_t config_phys;		/* the configuration table, or 0 */
	uint8_t length;			/* in 16-byte units: 1 */
	uint8_t revision;
	uint8_t checksum;
	uint8_t default_config;		/* nonzero: no table, a default setup */
	uint8_t features[4];
} __packed;

struct mp_config {
	char signature[4];		/* "PCMP" */
	uint16_t length;		/* the header and the entries */
	uint8_t revision, checksum;
	char oem[8], product[12];
	uint32_t oem_table_phys;
	uint16_t oem_table_size, entry_count;
	uint32_t lapic_phys;
	uint16_t ext_length;
	uint8_t ext_checksum, reserved;
} __packed;

#define MP_PROCESSOR 0
#define MP_BUS 1
#define MP_IOAPIC 2
#define MP_IOINTR 3
#define MP_ENABLED 0x1
#define MP_INT 0			/* an I/O interrupt of the ordinary kind */

struct mp_processor {
	uint8_t type, apic_id, apic_version, flags;
	uint32_t signature, features;
	uint32_t reserved[2];
} __packed;

struct mp_bus {
	uint8_t type, bus_id;
	char name[6];			/* "ISA   ", "PCI   ", ... */
} __packed;

struct mp_ioapic {
	uint8_t type, id, version, flags;
	uint32_t phys;
} __packed;

struct mp_iointr {
	uint8_t type, kind;
	uint16_t flags;			/* INTI_* */
	uint8_t src_bus, src_irq, dst_ioapic, dst_input;
} __packed;

static const struct mp_floating *mp_scan(uint32_t start, uint32_t len)
{
	for (uint32_t pa = start; pa + 16 <= start + len; pa += 16) {
		const struct mp_floating *f = phys_to_virt(pa);
		if (memcmp(f->signature, "_MP_", 4) == 0 && f->length == 1 &&
		    table_checksum_ok(f, 16))
			return f;
	}
	return NULL;
}

static const struct mp_floating *mp_find(void)
{
	uint32_t ebda = *(const uint16_t *)phys_to_virt(0x40E) << 4;
	uint32_t base_kib = *(const uint16_t *)phys_to_virt(0x413);
	const struct mp_floating *f = NULL;

	if (ebda >= 0x80000 && ebda < 0xA0000)
		f = mp_scan(ebda, 1024);
	if (!f && base_kib >= 512 && base_kib <= 640)
		f = mp_scan(base_kib * 1024 - 1024, 1024);
	return f ? f : mp_scan(0xF0000, 0x10000);
}

static const struct mp_config *mp_config_map(uint32_t phys)
{
	const struct mp_config *c = vm_map_phys(phys, sizeof(*c));

	if (!c || memcmp(c->signature, "PCMP", 4) != 0 || c->length < sizeof(*c))
		return NULL;
	c = vm_map_phys(phys, c->length);
	if (!table_checksum_ok(c, c->length)) {
		printk("smp: the MP configuration table has a bad checksum: ignored\n");
		return NULL;
	}
	return c;
}

/* Size of an entry of this type, 0 if unknown (then we must stop). */
static uint32_t mp_entry_size(uint8_t type)
{
	return type == MP_PROCESSOR ? 20 : type <= 4 ? 8 : 0;
}

/* isa_buses: bit n set if bus n is ISA (bus entries come first). */
static void mp_entry(const uint8_t *p, uint32_t *isa_buses)
{
	const struct mp_processor *cpu = (const void *)p;
	const struct mp_bus *bus = (const void *)p;
	const struct mp_ioapic *io = (const void *)p;
	const struct mp_iointr *in = (const void *)p;

	switch (p[0]) {
	case MP_PROCESSOR:
		if (cpu->flags & MP_ENABLED)
			platform_add_cpu(cpu->apic_id);
		break;
	case MP_BUS:
		if (bus->bus_id < 32 && memcmp(bus->name, "ISA", 3) == 0)
			*isa_buses |= 1u << bus->bus_id;
		break;
	case MP_IOAPIC:
		if ((io->flags & MP_ENABLED) && !platform.ioapic_phys)
			platform_set_ioapic(io->id, io->phys, 0);
		break;
	case MP_IOINTR:
		if (in->kind == MP_INT && in->src_bus < 32 &&
		    (*isa_buses & (1u << in->src_bus)) && in->src_irq < ISA_IRQS &&
		    (in->dst_ioapic == platform.ioapic_id || in->dst_ioapic == 0xFF))
			platform.isa[in->src_irq] =
				(struct isa_route){ in->dst_input, in->flags };
		break;
	}
}

bool mptable_parse(void)
{
	const struct mp_floating *f = mp_find();
	const struct mp_config *c;
	const uint8_t *p, *end;
	uint32_t isa_buses = 0;

	if (!f)
		return false;
	if (f->default_config) {
		platform_add_cpu(0);
		platform_add_cpu(1);
		return true;
	}
	if (!(c = mp_config_map(f->config_phys)))
		return false;
	p = (const uint8_t *)(c + 1);
	end = (const uint8_t *)c + c->length;
	for (uint32_t i = 0; i < c->entry_count && p < end; i++) {
		uint32_t size = mp_entry_size(p[0]);
		if (size == 0 || p + size > end)
			break;		/* unknown or cut short: keep what we have */
		mp_entry(p, &isa_buses);
		p += size;
	}
	return true;
}
