import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { diff } from '../audit/changes.js';
import type { Actor } from '../common/actor.js';
import { assertIfMatch, entityTag } from '../common/etag.js';
import { conflict, notFound } from '../common/errors.js';
import { byCreation, keysetPage, type Page } from '../common/pagination.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import type { CreateContactRequest, CreateVendorRequest, UpdateVendorRequest, VendorListQuery } from './dto/vendor.dto.js';
import { VendorContactEntity } from './vendor-contact.entity.js';
import { VendorEntity } from './vendor.entity.js';

const AUDITED: (keyof VendorEntity)[] = ['legalName', 'website', 'country', 'status', 'tags'];

@Injectable()
export class VendorsService {
  constructor(
    private readonly db: DataSource,
    private readonly uow: UnitOfWork,
  ) {}

  list(query: VendorListQuery): Promise<Page<VendorEntity>> {
    const qb = this.db.getRepository(VendorEntity).createQueryBuilder('v');
    if (query.status) qb.andWhere('v.status = :status', { status: query.status });
    if (query.tag) qb.andWhere('v.tags @> ARRAY[:tag]::text[]', { tag: query.tag });
    if (query.q) qb.andWhere('v.legal_name ILIKE :q', { q: `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` });
    return keysetPage(qb, byCreation('v'), query);
  }

  async get(id: string): Promise<VendorEntity> {
    const vendor = await this.db.getRepository(VendorEntity).findOneBy({ id });
    if (!vendor) throw notFound('Vendor');
    return vendor;
  }

  create(actor: Actor, request: CreateVendorRequest): Promise<VendorEntity> {
    return this.uow.run(actor, async (work) => {
      const vendor = await work.manager.save(
        work.manager.create(VendorEntity, {
          legalName: request.legalName,
          website: request.website ?? null,
          country: request.country,
          tags: request.tags ?? [],
          createdBy: actor.userId,
        }),
      );
      work.audit({ action: 'vendor.created', entityType: 'vendor', entityId: vendor.id, changes: diff(null, vendor, AUDITED) });
      return vendor;
    });
  }

  update(actor: Actor, id: string, request: UpdateVendorRequest, ifMatch: string | undefined): Promise<VendorEntity> {
    return this.uow.run(actor, async (work) => {
      const vendor = await work.manager.findOne(VendorEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!vendor) throw notFound('Vendor');
      assertIfMatch(ifMatch, entityTag(vendor.version));
      const before = { ...vendor };
      Object.assign(vendor, Object.fromEntries(Object.entries(request).filter(([, value]) => value !== undefined)));
      const changes = diff(before, vendor, AUDITED);
      if (Object.keys(changes).length === 0) return vendor;
      const saved = await work.manager.save(vendor);
      work.audit({ action: 'vendor.updated', entityType: 'vendor', entityId: id, changes });
      return saved;
    });
  }

  async contacts(vendorId: string): Promise<VendorContactEntity[]> {
    await this.get(vendorId);
    return this.db.getRepository(VendorContactEntity).find({ where: { vendorId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  addContact(actor: Actor, vendorId: string, request: CreateContactRequest): Promise<VendorContactEntity> {
    return this.uow.run(actor, async (work) => {
      const vendor = await work.manager.findOneBy(VendorEntity, { id: vendorId });
      if (!vendor) throw notFound('Vendor');
      if (await work.manager.existsBy(VendorContactEntity, { vendorId, email: request.email })) {
        throw conflict('contact_exists', `${request.email} is already a contact of this vendor`);
      }
      const contact = await work.manager.save(
        work.manager.create(VendorContactEntity, { vendorId, name: request.name, email: request.email, role: request.role ?? null }),
      );
      work.audit({
        action: 'vendor.contact_added',
        entityType: 'vendor',
        entityId: vendorId,
        changes: { contact: { before: null, after: { id: contact.id, name: contact.name, email: contact.email, role: contact.role } } },
      });
      return contact;
    });
  }
}
