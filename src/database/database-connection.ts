import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { migrate } from './migrate.js';

/** Connects and migrates when the application initialises; building the API document needs neither. */
@Injectable()
export class DatabaseConnection implements OnModuleInit {
  constructor(private readonly db: DataSource) {}

  async onModuleInit(): Promise<void> {
    if (!this.db.isInitialized) await this.db.initialize();
    await migrate(this.db);
  }
}
