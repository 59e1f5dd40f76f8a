import { In, type DataSource, type EntityManager } from 'typeorm';
import { UserEntity } from './user.entity';

/** Reads and writes the identity.user table. */
export class UserRepository {
  constructor(private readonly dataSource: DataSource) {}

  findByIds(ids: readonly string[]): Promise<UserEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.dataSource.getRepository(UserEntity).findBy({ id: In([...ids]) });
  }

  insert(manager: EntityManager, user: Omit<UserEntity, 'createdAt'>): Promise<unknown> {
    return manager.getRepository(UserEntity).insert(user);
  }
}
