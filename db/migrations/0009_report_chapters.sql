CREATE TABLE `report_chapters` (
	`round_id` integer NOT NULL,
	`slug` text NOT NULL,
	`json` text,
	`text` text DEFAULT '' NOT NULL,
	`statistics` integer DEFAULT false NOT NULL,
	`updated_at` integer,
	`updated_by` integer,
	PRIMARY KEY(`round_id`, `slug`),
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `report_covers` (
	`round_id` integer PRIMARY KEY NOT NULL,
	`title` text DEFAULT '' NOT NULL,
	`authors` text DEFAULT '[]' NOT NULL,
	`stand_date` text,
	`updated_at` integer NOT NULL,
	`updated_by` integer,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
