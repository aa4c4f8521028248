export * from './roles';
export * from './i18n';
export * from './agencies';
export * from './errors';
export * from './schemas/identity';
export * from './schemas/screening';
export * from './schemas/cases';
export * from './schemas/messages';
