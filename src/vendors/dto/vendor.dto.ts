import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsEnum,
  IsISO31661Alpha2,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { PageQuery, PageOf } from '../../common/pagination.js';
import type { VendorContactEntity } from '../vendor-contact.entity.js';
import { VendorStatus, type VendorEntity } from '../vendor.entity.js';

export const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const upper = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value);
const tagList = ({ value }: { value: unknown }) =>
  Array.isArray(value) ? [...new Set(value.map((tag) => (typeof tag === 'string' ? tag.trim().toLowerCase() : tag)))] : value;
const TAG = /^[a-z0-9][a-z0-9 _.-]{0,39}$/;

export class VendorResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Acme Analytics Ltd' }) legalName: string;
  @ApiProperty({ type: String, nullable: true, example: 'https://acme.example' }) website: string | null;
  @ApiProperty({ example: 'GB', description: 'ISO 3166-1 alpha-2' }) country: string;
  @ApiProperty({ enum: VendorStatus, enumName: 'VendorStatus' }) status: VendorStatus;
  @ApiProperty({ type: [String], example: ['credit', 'strategic'] }) tags: string[];
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;

  static of(vendor: VendorEntity): VendorResponse {
    return {
      id: vendor.id,
      legalName: vendor.legalName,
      website: vendor.website,
      country: vendor.country,
      status: vendor.status,
      tags: vendor.tags,
      createdAt: vendor.createdAt,
      updatedAt: vendor.updatedAt,
    };
  }
}

export class VendorPage extends PageOf(VendorResponse) {}

export class CreateVendorRequest {
  @ApiProperty({ example: 'Acme Analytics Ltd' })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  legalName: string;

  @ApiPropertyOptional({ example: 'https://acme.example' })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(500)
  website?: string;

  @ApiProperty({ example: 'GB', description: 'ISO 3166-1 alpha-2 country of incorporation' })
  @Transform(upper)
  @IsISO31661Alpha2()
  country: string;

  @ApiPropertyOptional({ type: [String], example: ['credit'], maxItems: 20 })
  @IsOptional()
  @Transform(tagList)
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(TAG, { each: true, message: 'each tag must be 1 to 40 letters, digits, spaces, dots, dashes or underscores' })
  tags?: string[];
}

export class UpdateVendorRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  legalName?: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(500)
  website?: string | null;

  @ApiPropertyOptional({ example: 'DE' })
  @IsOptional()
  @Transform(upper)
  @IsISO31661Alpha2()
  country?: string;

  @ApiPropertyOptional({ enum: VendorStatus, enumName: 'VendorStatus', description: 'offboarded: no new AI systems or assessments' })
  @IsOptional()
  @IsEnum(VendorStatus)
  status?: VendorStatus;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @Transform(tagList)
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(TAG, { each: true, message: 'each tag must be 1 to 40 letters, digits, spaces, dots, dashes or underscores' })
  tags?: string[];
}

export class VendorListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: VendorStatus, enumName: 'VendorStatus' })
  @IsOptional()
  @IsEnum(VendorStatus)
  status?: VendorStatus;

  @ApiPropertyOptional({ description: 'Vendors carrying this tag' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @Matches(TAG)
  tag?: string;

  @ApiPropertyOptional({ description: 'Part of the legal name, any case' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  q?: string;
}

export class ContactResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) vendorId: string;
  @ApiProperty({ example: 'Sam Lee' }) name: string;
  @ApiProperty({ example: 'sam.lee@acme.example' }) email: string;
  @ApiProperty({ type: String, nullable: true, example: 'Head of Security' }) role: string | null;
  @ApiProperty() createdAt: Date;

  static of(contact: VendorContactEntity): ContactResponse {
    return { id: contact.id, vendorId: contact.vendorId, name: contact.name, email: contact.email, role: contact.role, createdAt: contact.createdAt };
  }
}

export class ContactList {
  @ApiProperty({ type: [ContactResponse] }) items: ContactResponse[];
}

export class CreateContactRequest {
  @ApiProperty({ example: 'Sam Lee' })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ example: 'sam.lee@acme.example' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiPropertyOptional({ example: 'Head of Security' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 100)
  role?: string;
}
