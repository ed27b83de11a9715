import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsEnum, IsOptional, IsString, IsUUID, Length, MaxLength, ValidateIf } from 'class-validator';
import { PageQuery, PageOf } from '../../common/pagination.js';
import { Role } from '../../auth/roles.js';
import type { UserEntity } from '../user.entity.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class UserResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'ana.ruiz@bank.example' }) email: string;
  @ApiProperty({ example: 'Ana Ruiz' }) name: string;
  @ApiProperty({ enum: Role, enumName: 'Role' }) role: Role;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) vendorId: string | null;
  @ApiProperty() disabled: boolean;
  @ApiProperty({ description: 'False for users who sign in only through an invitation link' }) hasPassword: boolean;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;

  static of(user: UserEntity): UserResponse {
    return {
      id: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      vendorId: user.vendorId,
      disabled: user.disabledAt !== null,
      hasPassword: user.passwordHash !== null,
      createdAt: user.createdAt,
      updatedAt: user.updatedAt,
    };
  }
}

export class UserPage extends PageOf(UserResponse) {}

export class CreateUserRequest {
  @ApiProperty({ example: 'ana.ruiz@bank.example' })
  @Transform(trim)
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'Ana Ruiz' })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ enum: Role, enumName: 'Role' })
  @IsEnum(Role)
  role: Role;

  @ApiPropertyOptional({ minLength: 12, maxLength: 200, description: 'Omit for a user who signs in through an invitation' })
  @IsOptional()
  @IsString()
  @Length(12, 200)
  password?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Required for, and only for, vendor users' })
  @ValidateIf((body: CreateUserRequest) => body.role === Role.Vendor || body.vendorId !== undefined)
  @IsUUID()
  vendorId?: string;
}

export class UpdateUserRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ enum: Role, enumName: 'Role' })
  @IsOptional()
  @IsEnum(Role)
  role?: Role;

  @ApiPropertyOptional({ minLength: 12, maxLength: 200 })
  @IsOptional()
  @IsString()
  @Length(12, 200)
  password?: string;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String })
  @IsOptional()
  @IsUUID()
  vendorId?: string | null;

  @ApiPropertyOptional({ description: 'A disabled user cannot sign in and all its tokens stop working' })
  @IsOptional()
  @IsBoolean()
  disabled?: boolean;
}

export class UserListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: Role, enumName: 'Role' })
  @IsOptional()
  @IsEnum(Role)
  role?: Role;
}
