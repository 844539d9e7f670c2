// expect: no findings
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'users' })
export class User {
  @PrimaryGeneratedColumn()
  id!: number;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 254 })
  email!: string;

  @Column({ type: 'varchar', length: 120 })
  name!: string;

  @Column({ name: 'password_hash', type: 'varchar' })
  passwordHash!: string;

  /** Set on login, cleared on logout. */
  @Index()
  @Column({ name: 'session_token', type: 'varchar', nullable: true })
  sessionToken!: string | null;

  @CreateDateColumn({ name: 'created_at' })
  createdAt!: Date;
}
