import { IntendedAccess } from '../access';

/** The build bot writes its home; the reports reader may only read. The POSIX profiles decide which files. */
export const ACCESS: IntendedAccess = {
  users: [
    { stack: 'EfsSftp', userName: 'build-bot', allowed: ['upload /artifact.tgz', 'download /artifact.tgz', 'delete /artifact.tgz'], denied: ['elasticfilesystem:ClientRootAccess Files'] },
    { stack: 'EfsSftp', userName: 'reports-reader', allowed: ['download /2026/report.pdf'], denied: ['upload /2026/report.pdf', 'delete /2026/report.pdf', 'elasticfilesystem:ClientRootAccess Files'] },
  ],
};
