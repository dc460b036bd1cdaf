/**
 * Commit e-mails and whether they belong to a GitLab access token's bot:
 * the address the renovate-rerender CI job commits as, which renovate.json's
 * gitIgnoredAuthors must match (so Renovate keeps rebasing its branch) and
 * the job accepts. GitLab names a project access token's bot
 * `project_<id>_bot_<32 hex>[<n>]@noreply.<host>` (gitlab-org/gitlab,
 * lib/gitlab/utils/username_and_email_generator.rb: a random hex segment,
 * then a counter if the name is taken; group tokens use `group_<id>`), and
 * releases before that `project<id>_bot[<n>]@noreply.<host>`.
 */
export const BOT_EMAILS: Readonly<Record<string, boolean>> = {
  'project_4711_bot_0f9e8d7c6b5a49382716f5e4d3c2b1a0@noreply.gitlab.example.com': true,
  'project_4711_bot_0f9e8d7c6b5a49382716f5e4d3c2b1a01@noreply.gitlab.com': true,
  'group_12_bot_0f9e8d7c6b5a49382716f5e4d3c2b1a0@noreply.gitlab.example.com': true,
  'project4711_bot@noreply.gitlab.example.com': true,
  'project4711_bot2@noreply.gitlab.example.com': true,
  'platform-team@example.com': false,
  'project_4711_bot_0f9e@users.noreply.gitlab.com': false,
  'alice+project_1_bot_00@noreply.gitlab.example.com': false,
  'project_4711_bot_XYZ@noreply.gitlab.example.com': false,
};
